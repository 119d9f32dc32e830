import Foundation
@testable import Frontend
import IR

/// Small ONNX models written to a temporary directory for the CLI tests.
enum TestModels {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-cli-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// `x [1,2,4,4] -> Conv 3x3 (3 filters, pad 1) -> Relu -> MaxPool 2x2 -> Flatten -> Gemm 12->4`.
    static let tinyCNN: URL = write("tiny_cnn", nodes: [
        node("Conv", ["x", "w", "b"], ["c"], name: "conv1", ints: ["kernel_shape": [3, 3], "pads": [1, 1, 1, 1]]),
        node("Relu", ["c"], ["r"], name: "relu1"),
        node("MaxPool", ["r"], ["p"], name: "pool1", ints: ["kernel_shape": [2, 2], "strides": [2, 2]]),
        node("Flatten", ["p"], ["f"], name: "flatten"),
        node("Gemm", ["f", "fc_w", "fc_b"], ["y"], name: "fc", ints: ["transB": [1]]),
    ], initializers: [
        tensor("w", [3, 2, 3, 3]), tensor("b", [3]), tensor("fc_w", [4, 12]), tensor("fc_b", [4]),
    ], input: ("x", [1, 2, 4, 4]), output: "y")

    /// A model using two operators vggc does not support (`Exp`, `Neg`).
    static let unsupported: URL = write("unsupported", nodes: [
        node("Exp", ["x"], ["e"], name: "exp1"),
        node("Neg", ["e"], ["s1"], name: "neg1"),
        node("Relu", ["s1"], ["y"], name: "relu1"),
    ], initializers: [], input: ("x", [1, 4]), output: "y")

    /// Bytes that are not a protobuf message.
    static let garbage: URL = {
        let url = directory.appendingPathComponent("garbage.onnx")
        try? Data("this is not an ONNX model\n".utf8).write(to: url)
        return url
    }()

    private static func node(_ op: String, _ inputs: [String], _ outputs: [String], name: String,
                             ints: [String: [Int64]] = [:]) -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        node.opType = op
        node.name = name
        node.input = inputs
        node.output = outputs
        for key in ints.keys.sorted() {
            var attribute = Onnx_AttributeProto()
            attribute.name = key
            if ["axis", "transB"].contains(key) {
                attribute.type = .int
                attribute.i = ints[key]![0]
            } else {
                attribute.type = .ints
                attribute.ints = ints[key]!
            }
            node.attribute.append(attribute)
        }
        return node
    }

    /// A float tensor with small deterministic values.
    private static func tensor(_ name: String, _ dims: [Int64]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        let count = dims.reduce(1, *)
        tensor.floatData = (0..<count).map { Float(($0 * 7 + 3) % 11) / 11 - 0.4 }
        return tensor
    }

    private static func valueInfo(_ name: String, _ dims: [Int]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        tensorType.shape.dim = dims.map { extent in
            var dim = Onnx_TensorShapeProto.Dimension()
            dim.dimValue = Int64(extent)
            return dim
        }
        info.type.tensorType = tensorType
        return info
    }

    private static func write(_ name: String, nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto],
                              input: (String, [Int]), output: String) -> URL {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var opset = Onnx_OperatorSetIdProto()
        opset.version = 13
        model.opsetImport = [opset]
        model.graph.name = name
        model.graph.node = nodes
        model.graph.initializer = initializers
        model.graph.input = [valueInfo(input.0, input.1)]
        var outputInfo = Onnx_ValueInfoProto()
        outputInfo.name = output
        model.graph.output = [outputInfo]
        let url = directory.appendingPathComponent(name + ".onnx")
        try? model.serializedData().write(to: url)
        return url
    }
}
