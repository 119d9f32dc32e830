import Foundation
import Frontend
import IR

/// ONNX models for the VGGCKit tests, read without VGGCKit.
enum ONNXFile {
    /// The imported graph of the model at `url`.
    static func graph(_ url: URL) throws -> Graph {
        try ONNXModelFile.load(url).importGraph()
    }

    /// ONNX's JSON form of `y = Exp(x)`: an operator vggc does not support.
    static let expModelJSON = """
        {"irVersion": "8", "opsetImport": [{"version": "13"}], "graph": {"name": "exp",
         "node": [{"name": "exp1", "opType": "Exp", "input": ["x"], "output": ["y"]}],
         "input": [{"name": "x", "type": {"tensorType": {"elemType": 1, "shape": {"dim": [{"dimValue": "1"}, {"dimValue": "4"}]}}}}],
         "output": [{"name": "y", "type": {"tensorType": {"elemType": 1}}}]}}
        """
}
