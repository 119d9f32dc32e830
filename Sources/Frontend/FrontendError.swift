import Foundation
import IR

/// Errors raised while reading an ONNX model or tensor file and importing it into the graph IR.
/// Every case names the file, node or tensor involved and, where it applies, the numbers that
/// disagree.
public enum FrontendError: Error, Equatable, LocalizedError {
    /// The file could not be opened or read.
    case unreadableFile(path: String, detail: String)
    /// The bytes are not a valid ONNX protobuf (binary or JSON), or they are truncated.
    case notONNX(path: String, detail: String)
    /// The model holds no graph, or its graph declares no inputs or no outputs.
    case emptyGraph(path: String, detail: String)
    /// A tensor's `external_data` names an absolute path or one that leaves the model's directory.
    case externalDataOutsideModelDirectory(tensor: String, location: String)
    /// The file named by a tensor's `external_data` does not exist.
    case missingExternalData(tensor: String, path: String)
    /// A tensor's external byte range reaches past the end of its file.
    case externalDataOutOfRange(tensor: String, path: String, offset: Int, length: Int, fileSize: Int)
    /// A tensor's stored bytes do not match the byte count its dims and element type need.
    case tensorByteCountMismatch(tensor: String, expected: Int, actual: Int)
    /// A tensor's typed element field holds a different number of elements than its dims need.
    case tensorElementCountMismatch(tensor: String, expected: Int, actual: Int)
    /// A tensor is malformed in another way (negative or overflowing dims, bad external data keys).
    case invalidTensor(tensor: String, detail: String)
    /// A tensor has an element type vggc cannot represent.
    case unsupportedTensorType(tensor: String, type: String)
    /// A graph input has no tensor type or no shape.
    case invalidGraphInput(name: String, detail: String)
    /// A node (or, with node `<graph output>`, a graph output) reads a value nothing produces.
    case undefinedValue(node: String, value: String)
    /// A value is produced more than once (by initializers, graph inputs or node outputs).
    case duplicateDefinition(value: String)
    /// The nodes form a cycle; `node` lies on it.
    case cycle(node: String)
    /// The model uses operators, attribute values or data types that vggc does not support.
    case unsupported(SupportReport)

    public var errorDescription: String? {
        switch self {
        case .unreadableFile(let path, let detail):
            return "cannot read '\(path)': \(detail)"
        case .notONNX(let path, let detail):
            return "'\(path)' is not a valid ONNX file: \(detail)"
        case .emptyGraph(let path, let detail):
            return "'\(path)': \(detail)"
        case .externalDataOutsideModelDirectory(let tensor, let location):
            return "tensor '\(tensor)': external data location '\(location)' must be a relative path to a file inside the model's directory (symbolic links resolved)"
        case .missingExternalData(let tensor, let path):
            return "tensor '\(tensor)': external data file '\(path)' does not exist"
        case .externalDataOutOfRange(let tensor, let path, let offset, let length, let fileSize):
            return "tensor '\(tensor)': external data at offset \(offset), length \(length) reaches past the end of '\(path)' (\(fileSize) bytes)"
        case .tensorByteCountMismatch(let tensor, let expected, let actual):
            return "tensor '\(tensor)': its dims need \(expected) bytes, the file holds \(actual)"
        case .tensorElementCountMismatch(let tensor, let expected, let actual):
            return "tensor '\(tensor)': its dims need \(expected) elements, the file holds \(actual)"
        case .invalidTensor(let tensor, let detail):
            return "tensor '\(tensor)': \(detail)"
        case .unsupportedTensorType(let tensor, let type):
            return "tensor '\(tensor)': element type \(type) is not supported"
        case .invalidGraphInput(let name, let detail):
            return "graph input '\(name)': \(detail)"
        case .undefinedValue(let node, let value):
            return "node '\(node)' reads value '\(value)', which nothing produces"
        case .duplicateDefinition(let value):
            return "value '\(value)' is defined more than once"
        case .cycle(let node):
            return "the graph contains a cycle through node '\(node)'"
        case .unsupported(let report):
            return "the model uses \(report.issues.count) unsupported feature(s):\n" + report.renderTable()
        }
    }
}
