/// Where a tensor's bytes lie when `data_location` is `EXTERNAL`: a file relative to the model's
/// directory, a byte offset and an optional length (to the end of the file when absent).
struct ExternalReference: Hashable, Sendable {
    var location: String
    var offset: Int
    var length: Int?

    /// Parses the `external_data` key/value pairs of `tensor` (named `name` in errors). Rejects
    /// absolute locations, `..` components and malformed numbers.
    init(_ tensor: Onnx_TensorProto, name: String) throws {
        var location: String?
        var offset = 0
        var length: Int?
        for entry in tensor.externalData {
            switch entry.key {
            case "location": location = entry.value
            case "offset": offset = try Self.byteCount(entry.value, key: "offset", tensor: name)
            case "length": length = try Self.byteCount(entry.value, key: "length", tensor: name)
            default: continue
            }
        }
        guard let location, !location.isEmpty else {
            throw FrontendError.invalidTensor(tensor: name, detail: "external data has no 'location'")
        }
        let components = location.split(separator: "/", omittingEmptySubsequences: false)
        guard !location.hasPrefix("/"), !location.contains("\\"), !location.contains("\0"),
              !components.contains("..") else {
            throw FrontendError.externalDataOutsideModelDirectory(tensor: name, location: location)
        }
        self.location = location
        self.offset = offset
        self.length = length
    }

    private static func byteCount(_ text: String, key: String, tensor: String) throws -> Int {
        guard let value = Int(text), value >= 0 else {
            throw FrontendError.invalidTensor(tensor: tensor, detail: "external data '\(key)' is '\(text)', not a byte count")
        }
        return value
    }
}
