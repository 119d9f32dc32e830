/// The elements of a tensor, row-major, in a typed array per element type.
public enum TensorData: Hashable, Sendable {
    case float32([Float])
    case int8([Int8])
    case uint8([UInt8])
    case int32([Int32])
    case int64([Int64])
    case bool([Bool])

    /// The element type this storage holds.
    public var elementType: DataType {
        switch self {
        case .float32: return .float32
        case .int8: return .int8
        case .uint8: return .uint8
        case .int32: return .int32
        case .int64: return .int64
        case .bool: return .bool
        }
    }

    /// Number of elements stored.
    public var count: Int {
        switch self {
        case .float32(let values): return values.count
        case .int8(let values): return values.count
        case .uint8(let values): return values.count
        case .int32(let values): return values.count
        case .int64(let values): return values.count
        case .bool(let values): return values.count
        }
    }
}
