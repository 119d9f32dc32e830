/// ONNX Cast between all vggc element types. Floats convert to integers by truncation toward zero
/// (NaN to 0, out-of-range values clamped to the 64-bit range, then wrapped to the target width as
/// numpy does); integers narrow by wrapping; anything nonzero is `true`.
package enum CastKernel {
    package static func cast(_ data: TensorData, to target: DataType) -> TensorData {
        switch target {
        case .float32: return .float32(Tensor(shape: [data.count], data: data).floats)
        case .bool: return .bool(booleans(data))
        case .int64: return .int64(integers(data))
        case .int32: return .int32(integers(data).map { Int32(truncatingIfNeeded: $0) })
        case .int8: return .int8(integers(data).map { Int8(truncatingIfNeeded: $0) })
        case .uint8: return .uint8(integers(data).map { UInt8(truncatingIfNeeded: $0) })
        }
    }

    /// `value` truncated toward zero, NaN as 0 and out-of-range values clamped to `Int64`.
    package static func truncated(_ value: Float) -> Int64 {
        if value.isNaN { return 0 }
        if value >= 0x1p63 { return .max }
        if value < -0x1p63 { return .min }
        return Int64(value)
    }

    private static func integers(_ data: TensorData) -> [Int64] {
        if case .float32(let values) = data { return values.map(truncated) }
        return Tensor(shape: [data.count], data: data).int64s
    }

    private static func booleans(_ data: TensorData) -> [Bool] {
        switch data {
        case .float32(let values): return values.map { $0 != 0 }
        case .bool(let values): return values
        case .int8, .uint8, .int32, .int64: return Tensor(shape: [data.count], data: data).int64s.map { $0 != 0 }
        }
    }
}
