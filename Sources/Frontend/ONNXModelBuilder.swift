import Foundation
import IR
import SwiftProtobuf

/// Writes an ONNX model (binary protobuf) node by node, in the order given: the inverse of
/// `ONNXModelFile` for exporters. Nodes are ONNX operators of the default domain named by their
/// ONNX type; initializers are IR tensors stored as little-endian `raw_data`. Nothing is checked
/// beyond what the protobuf needs: callers build graphs ONNX Runtime accepts.
public struct ONNXModelBuilder: Sendable {
    /// The graph's name.
    public var name: String
    /// The default-domain opset the model imports.
    public var opset: Int
    private var graph = Onnx_GraphProto()

    /// An empty graph named `name` importing `opset` of the default domain.
    public init(name: String, opset: Int) {
        self.name = name
        self.opset = opset
    }

    /// Declares a graph input.
    public mutating func addInput(_ name: String, type: TensorType) {
        graph.input.append(Self.valueInfo(name, type: type))
    }

    /// Declares a graph output, typed when `type` is given.
    public mutating func addOutput(_ name: String, type: TensorType?) {
        graph.output.append(Self.valueInfo(name, type: type))
    }

    /// Adds a constant tensor named `name`.
    public mutating func addInitializer(_ name: String, _ tensor: Tensor) {
        var proto = Onnx_TensorProto()
        proto.name = name
        proto.dims = tensor.shape.dims.map(Int64.init)
        proto.dataType = ONNXElementType.code(tensor.data.elementType)
        proto.rawData = Self.littleEndianBytes(tensor.data)
        graph.initializer.append(proto)
    }

    /// Appends the node `opType(inputs) -> outputs` with `attributes` in the order given.
    public mutating func addNode(_ opType: String, name: String, inputs: [String], outputs: [String],
                                 attributes: [(name: String, value: ONNXAttributeValue)] = []) {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.name = name
        node.input = inputs
        node.output = outputs
        node.attribute = attributes.map(Self.attribute)
        graph.node.append(node)
    }

    /// The ONNX `TensorProto.DataType` code of `type` (a `Cast`'s `to`).
    public static func typeCode(_ type: DataType) -> Int {
        Int(ONNXElementType.code(type))
    }

    /// The model as binary protobuf, recording `producer` and its `version`.
    public func serialized(producer: String, version: String) throws -> Data {
        var model = Onnx_ModelProto()
        model.irVersion = 9
        var opsetImport = Onnx_OperatorSetIdProto()
        opsetImport.domain = ""
        opsetImport.version = Int64(opset)
        model.opsetImport = [opsetImport]
        model.producerName = producer
        model.producerVersion = version
        var graph = graph
        graph.name = name
        model.graph = graph
        return try model.serializedData()
    }

    private static func valueInfo(_ name: String, type: TensorType?) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        if let type {
            var tensor = Onnx_TypeProto.Tensor()
            tensor.elemType = ONNXElementType.code(type.elementType)
            tensor.shape.dim = type.shape.dims.map { extent in
                var dimension = Onnx_TensorShapeProto.Dimension()
                dimension.dimValue = Int64(extent)
                return dimension
            }
            info.type.tensorType = tensor
        }
        return info
    }

    private static func attribute(_ named: (name: String, value: ONNXAttributeValue)) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = named.name
        switch named.value {
        case .int(let value):
            attribute.type = .int
            attribute.i = Int64(value)
        case .ints(let values):
            attribute.type = .ints
            attribute.ints = values.map(Int64.init)
        case .float(let value):
            attribute.type = .float
            attribute.f = value
        case .string(let value):
            attribute.type = .string
            attribute.s = Data(value.utf8)
        }
        return attribute
    }

    /// The elements as ONNX `raw_data`: little-endian, booleans one byte each.
    private static func littleEndianBytes(_ data: TensorData) -> Data {
        func bytes<Element: FixedWidthInteger>(_ values: [Element]) -> Data {
            var out = Data(capacity: values.count * MemoryLayout<Element>.size)
            for value in values { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
            return out
        }
        switch data {
        case .float32(let values): return bytes(values.map(\.bitPattern))
        case .int8(let values): return bytes(values)
        case .uint8(let values): return bytes(values)
        case .int32(let values): return bytes(values)
        case .int64(let values): return bytes(values)
        case .bool(let values): return Data(values.map { $0 ? 1 : 0 })
        }
    }
}
