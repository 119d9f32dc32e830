import Foundation

/// The external data files a model's tensors refer to, memory-mapped once each, keyed by their
/// location relative to the model's directory. Reading a tensor copies its bytes straight from the
/// mapping into the tensor's element array.
struct ExternalDataStore: Sendable {
    /// The directory the locations are relative to.
    let directory: URL
    private var files: [String: Data] = [:]

    init(directory: URL) {
        self.directory = directory
    }

    /// Maps the file `reference` names (if not mapped yet) and checks that the referenced range lies
    /// inside it.
    mutating func register(_ reference: ExternalReference, tensor: String) throws {
        if files[reference.location] == nil {
            let url = directory.appendingPathComponent(reference.location)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw FrontendError.missingExternalData(tensor: tensor, path: url.path)
            }
            do {
                files[reference.location] = try Data(contentsOf: url, options: .alwaysMapped)
            } catch {
                throw FrontendError.unreadableFile(path: url.path, detail: error.localizedDescription)
            }
        }
        _ = try bytes(reference, tensor: tensor)
    }

    /// The bytes `reference` names, as a view into the mapped file. The file must be registered.
    func bytes(_ reference: ExternalReference, tensor: String) throws -> Data {
        let path = directory.appendingPathComponent(reference.location).path
        guard let file = files[reference.location] else {
            throw FrontendError.missingExternalData(tensor: tensor, path: path)
        }
        let length = reference.length ?? max(file.count - reference.offset, 0)
        let (end, overflow) = reference.offset.addingReportingOverflow(length)
        guard !overflow, end <= file.count else {
            throw FrontendError.externalDataOutOfRange(tensor: tensor, path: path, offset: reference.offset,
                                                       length: length, fileSize: file.count)
        }
        let start = file.startIndex + reference.offset
        return file[start..<(start + length)]
    }
}
