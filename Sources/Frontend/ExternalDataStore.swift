import Foundation
import IR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The external data files a model's tensors refer to, keyed by their location relative to the
/// model's directory. Tensors are read with `pread` straight into their element arrays: the
/// weights exist once in memory, with no mapped or buffered second copy (VGG16 carries 528 MB).
struct ExternalDataStore: Sendable {
    /// The directory the locations are relative to.
    let directory: URL
    /// Size in bytes of each registered file.
    private var fileSizes: [String: Int] = [:]
    /// Each registered location with its symbolic links resolved: what `read` opens.
    private var resolvedPaths: [String: String] = [:]

    init(directory: URL) {
        self.directory = directory
    }

    /// Records the size of the file `reference` names and checks that the referenced range lies
    /// inside it. The location, with every symbolic link resolved, must be a regular file inside the
    /// model's directory (itself resolved): a link beside the model cannot reach other files.
    mutating func register(_ reference: ExternalReference, tensor: String) throws {
        if fileSizes[reference.location] == nil {
            let path = self.path(of: reference)
            guard FileManager.default.fileExists(atPath: path), let resolved = Self.realPath(path) else {
                throw FrontendError.missingExternalData(tensor: tensor, path: path)
            }
            guard let root = Self.realPath(directory.path), resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                throw FrontendError.externalDataOutsideModelDirectory(tensor: tensor, location: reference.location)
            }
            var status = stat()
            guard stat(resolved, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                throw FrontendError.unreadableFile(path: path, detail: "not a regular file")
            }
            fileSizes[reference.location] = Int(status.st_size)
            resolvedPaths[reference.location] = resolved
        }
        _ = try byteCount(reference, tensor: tensor)
    }

    /// `path` with every symbolic link and `.`/`..` resolved by the system, or nil if it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The number of bytes `reference` names, after checking they lie inside the registered file.
    func byteCount(_ reference: ExternalReference, tensor: String) throws -> Int {
        let path = self.path(of: reference)
        guard let fileSize = fileSizes[reference.location] else {
            throw FrontendError.missingExternalData(tensor: tensor, path: path)
        }
        let length = reference.length ?? max(fileSize - reference.offset, 0)
        let (end, overflow) = reference.offset.addingReportingOverflow(length)
        guard !overflow, end <= fileSize else {
            throw FrontendError.externalDataOutOfRange(tensor: tensor, path: path, offset: reference.offset,
                                                       length: length, fileSize: fileSize)
        }
        return length
    }

    /// Fills `destination` with the bytes at `reference`'s offset; `destination` must be exactly
    /// `byteCount(reference)` long.
    func read(_ reference: ExternalReference, tensor: String, into destination: UnsafeMutableRawBufferPointer) throws {
        let path = resolvedPaths[reference.location] ?? self.path(of: reference)
        let length = try byteCount(reference, tensor: tensor)
        guard length == destination.count else {
            throw FrontendError.tensorByteCountMismatch(tensor: tensor, expected: destination.count, actual: length)
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FrontendError.unreadableFile(path: path, detail: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        // Large tensors are read in one piece per processor at once: the copy out of the page cache
        // and the page faults of the fresh array share out (VGG16's fc6 is 392 MiB).
        let pieces = max(1, min(ProcessInfo.processInfo.activeProcessorCount, length / Self.pieceBytes))
        let address = UInt(bitPattern: destination.baseAddress)
        let failures = ParallelMap.map(count: pieces) { piece -> String? in
            let range = (length * piece / pieces)..<(length * (piece + 1) / pieces)
            return UnsafeMutableRawPointer(bitPattern: address).flatMap { base in
                Self.read(descriptor, into: base + range.lowerBound, count: range.count, at: reference.offset + range.lowerBound)
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw FrontendError.unreadableFile(path: path, detail: failure) }
    }

    /// Tensors are read in pieces of at least this many bytes.
    static let pieceBytes = 16 << 20

    /// Reads `count` bytes at `offset` of the open file into `destination`; what went wrong, if anything.
    private static func read(_ descriptor: Int32, into destination: UnsafeMutableRawPointer, count: Int, at offset: Int) -> String? {
        var done = 0
        while done < count {
            let got = pread(descriptor, destination + done, count - done, off_t(offset + done))
            guard got > 0 else { return got == 0 ? "the file ended early" : String(cString: strerror(errno)) }
            done += got
        }
        return nil
    }

    private func path(of reference: ExternalReference) -> String {
        directory.appendingPathComponent(reference.location).path
    }
}
