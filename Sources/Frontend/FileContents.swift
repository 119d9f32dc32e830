import Foundation

/// Reading model and tensor files from disk.
enum FileContents {
    /// The bytes of the file at `url`, memory-mapped where the platform allows.
    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw FrontendError.unreadableFile(path: url.path, detail: error.localizedDescription)
        }
    }

    /// True when `bytes` look like ONNX's JSON form: the first non-whitespace byte is `{`. A binary
    /// ModelProto never starts with `{` (it would be field 15 with the obsolete group wire type).
    static func looksLikeJSON(_ bytes: Data) -> Bool {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        return bytes.first { !whitespace.contains($0) } == UInt8(ascii: "{")
    }
}
