/// The element types a vggc tensor can hold.
///
/// The float reference runs `float32`; the integer types carry indices, shapes and (later) the
/// quantized network. `bool` exists so that ONNX `Cast` and mask tensors import faithfully.
public enum DataType: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case float32 = "f32"
    case int8 = "i8"
    case uint8 = "u8"
    case int32 = "i32"
    case int64 = "i64"
    case bool = "bool"

    /// Size of one element in bytes.
    public var byteWidth: Int {
        switch self {
        case .float32, .int32: return 4
        case .int8, .uint8, .bool: return 1
        case .int64: return 8
        }
    }

    public var description: String { rawValue }
}
