/// A tensor value: a shape plus its elements. Used for initializers (weights), constants and the
/// interpreters' activations.
public struct Tensor: Hashable, Sendable, CustomStringConvertible {
    public var shape: Shape
    public var data: TensorData

    /// Creates a tensor; the element count must match the shape.
    public init(shape: Shape, data: TensorData) {
        precondition(shape.elementCount == data.count, "tensor data has \(data.count) elements, shape \(shape) needs \(shape.elementCount)")
        self.shape = shape
        self.data = data
    }

    public init(shape: Shape, floats: [Float]) { self.init(shape: shape, data: .float32(floats)) }
    public init(shape: Shape, int64s: [Int64]) { self.init(shape: shape, data: .int64(int64s)) }

    /// The tensor's static type.
    public var type: TensorType { TensorType(data.elementType, shape) }

    /// The elements as `Float`, converting integer and boolean storage.
    public var floats: [Float] {
        switch data {
        case .float32(let values): return values
        case .int8(let values): return values.map(Float.init)
        case .uint8(let values): return values.map(Float.init)
        case .int32(let values): return values.map(Float.init)
        case .int64(let values): return values.map(Float.init)
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        }
    }

    /// The elements as `Int64`; floats are truncated toward zero (as ONNX `Cast` does).
    public var int64s: [Int64] {
        switch data {
        case .float32(let values): return values.map { Int64($0) }
        case .int8(let values): return values.map(Int64.init)
        case .uint8(let values): return values.map(Int64.init)
        case .int32(let values): return values.map(Int64.init)
        case .int64(let values): return values
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        }
    }

    /// Short summary used by the printer: `f32[64,3,3,3]`.
    public var description: String { type.description }
}
