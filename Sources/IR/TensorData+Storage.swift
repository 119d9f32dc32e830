/// Identity of the buffer behind a tensor's elements, for counting memory once per buffer.
extension TensorData {
    /// The address of the elements' storage: equal for values that share it (a Reshape's output and
    /// its input, an output computed in place of its input). Valid while the storage is alive.
    package var storageAddress: UInt {
        switch self {
        case .float32(let values): return values.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        case .int8(let values): return values.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        case .uint8(let values): return values.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        case .int32(let values): return values.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        case .int64(let values): return values.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        case .bool(let values): return values.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        }
    }
}
