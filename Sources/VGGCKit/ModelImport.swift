import Foundation
import Frontend
import IR

/// Reading an ONNX model for the library: the support report first, then the import.
enum ModelImport {
    /// The graph of the model at `url`. A model using anything vggc does not support is refused
    /// with its whole support report (`VGGCKitError.unsupportedModel`) before it is imported.
    static func graph(at url: URL) throws -> Graph {
        let model = try ONNXModelFile.load(url)
        let report = model.supportReport()
        guard report.isSupported else { throw VGGCKitError.unsupportedModel(path: url.relativePath, report: report) }
        return try model.importGraph()
    }
}
