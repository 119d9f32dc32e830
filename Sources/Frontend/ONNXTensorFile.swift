import Foundation
import IR

/// A single ONNX `TensorProto` stored on its own, as in the `test_data_set_*/input_0.pb` files of
/// ONNX's backend tests.
public enum ONNXTensorFile {
    /// Reads the tensor in the file at `url`. Its external data, if any, is read relative to the
    /// file's directory. Throws `FrontendError` for unreadable or malformed files and for element
    /// types vggc does not support (float64, float16, strings, …).
    public static func load(_ url: URL) throws -> Tensor {
        let bytes = try FileContents.read(url)
        let proto: Onnx_TensorProto
        do {
            proto = try Onnx_TensorProto(serializedBytes: bytes)
        } catch {
            throw FrontendError.notONNX(path: url.path, detail: "not a TensorProto (\(error))")
        }
        let name = proto.name.isEmpty ? url.lastPathComponent : proto.name
        var externalData = ExternalDataStore(directory: url.deletingLastPathComponent())
        if proto.dataLocation == .external {
            try externalData.register(ExternalReference(proto, name: name), tensor: name)
        }
        return try TensorProtoDecoder(externalData: externalData).decode(proto, name: name)
    }
}
