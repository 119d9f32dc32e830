import Foundation
import TestSupport
@testable import Frontend
import IR

/// Builders for ONNX protobuf values used by the frontend tests, and a scratch directory to write
/// them to.
enum ONNXFixtures {
    static let float = Int32(Onnx_TensorProto.DataType.float.rawValue)
    static let int64 = Int32(Onnx_TensorProto.DataType.int64.rawValue)
    static let double = Int32(Onnx_TensorProto.DataType.double.rawValue)
    static let float16 = Int32(Onnx_TensorProto.DataType.float16.rawValue)

    /// A fresh, empty directory under the system's temporary directory.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vggc-frontend-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A one-graph model importing the default-domain `opset`.
    static func model(nodes: [Onnx_NodeProto], inputs: [Onnx_ValueInfoProto], outputs: [String],
                      initializers: [Onnx_TensorProto] = [], opset: Int64 = 13,
                      valueInfo: [Onnx_ValueInfoProto] = []) -> Onnx_ModelProto {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var opsetImport = Onnx_OperatorSetIdProto()
        opsetImport.domain = ""
        opsetImport.version = opset
        model.opsetImport = [opsetImport]
        model.graph.name = "test"
        model.graph.node = nodes
        model.graph.input = inputs
        model.graph.output = outputs.map { name in
            var info = Onnx_ValueInfoProto()
            info.name = name
            return info
        }
        model.graph.initializer = initializers
        model.graph.valueInfo = valueInfo
        return model
    }

    /// Writes `model` in binary form to `directory/name` and returns its URL.
    static func write(_ model: Onnx_ModelProto, to directory: URL, name: String = "model.onnx") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try (model.serializedData() as Data).write(to: url)
        return url
    }

    /// Writes `model` and loads it back.
    static func load(_ model: Onnx_ModelProto) throws -> ONNXModelFile {
        try ONNXModelFile.load(write(model, to: scratchDirectory()))
    }

    static func node(_ opType: String, _ inputs: [String], _ outputs: [String], name: String = "",
                     domain: String = "", _ attributes: [Onnx_AttributeProto] = []) -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.name = name
        node.domain = domain
        node.input = inputs
        node.output = outputs
        node.attribute = attributes
        return node
    }

    static func attribute(_ name: String, int: Int64) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = int
        return attribute
    }

    static func attribute(_ name: String, ints: [Int64]) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = ints
        return attribute
    }

    static func attribute(_ name: String, float: Float) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .float
        attribute.f = float
        return attribute
    }

    static func attribute(_ name: String, floats: [Float]) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .floats
        attribute.floats = floats
        return attribute
    }

    static func attribute(_ name: String, string: String) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .string
        attribute.s = Data(string.utf8)
        return attribute
    }

    static func attribute(_ name: String, tensor: Onnx_TensorProto) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .tensor
        attribute.t = tensor
        return attribute
    }

    /// A float tensor stored in `float_data`.
    static func floatTensor(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = float
        tensor.floatData = values
        return tensor
    }

    /// A float tensor stored little-endian in `raw_data`.
    static func rawFloatTensor(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = float
        tensor.rawData = littleEndianBytes(values)
        return tensor
    }

    /// An int64 tensor stored in `int64_data`.
    static func int64Tensor(_ name: String, _ dims: [Int64], _ values: [Int64]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = int64
        tensor.int64Data = values
        return tensor
    }

    /// The IEEE-754 bit patterns of `values`, little-endian, built byte by byte.
    static func littleEndianBytes(_ values: [Float]) -> Data {
        Data(values.flatMap { value -> [UInt8] in
            let bits = value.bitPattern
            return [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
        })
    }

    enum Dim {
        case value(Int64)
        case parameter(String)
        case unknown
    }

    static func tensorInfo(_ name: String, _ dims: [Dim], elementType: Int32 = float) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = elementType
        tensor.shape.dim = dims.map { dim in
            var proto = Onnx_TensorShapeProto.Dimension()
            switch dim {
            case .value(let extent): proto.dimValue = extent
            case .parameter(let name): proto.dimParam = name
            case .unknown: break
            }
            return proto
        }
        info.type.tensorType = tensor
        return info
    }

    static func tensorInfo(_ name: String, _ dims: [Int64], elementType: Int32 = float) -> Onnx_ValueInfoProto {
        tensorInfo(name, dims.map { Dim.value($0) }, elementType: elementType)
    }

    /// `x [2,3] -> Relu -> y`: the smallest valid model.
    static func reluModel() -> Onnx_ModelProto {
        model(nodes: [node("Relu", ["x"], ["y"], name: "relu")], inputs: [tensorInfo("x", [2, 3])], outputs: ["y"])
    }

    /// The directory of ONNX's own backend test data (`TestSupport`); `nil` when it cannot be found.
    static let onnxTestData: URL? = try? ONNXBackendTestData.directory.get()
}
