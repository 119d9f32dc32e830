/// ONNX QuantizeLinear and DequantizeLinear with a scalar or per-axis scale and zero point.
package enum QuantizeKernel {
    /// `saturate(round_half_even(x / scale) + zero_point)` into the zero point's type (`uint8`
    /// when omitted).
    package static func quantize(_ x: Tensor, scale: Tensor, zeroPoint: Tensor?, axis: Int, target: DataType) -> TensorData {
        let channel = channelIndex(x.shape, parameters: scale.shape.elementCount, axis: axis)
        let scales = scale.floats
        let zeroPoints = zeroPoint?.floats ?? [0]
        let (low, high): (Float, Float) = target == .int8 ? (-128, 127) : (0, 255)
        let values = x.floats
        let levels = values.indices.map { index -> Float in
            let parameter = channel(index)
            let level = (values[index] / scales[parameter]).rounded(.toNearestOrEven) + zeroPoints[zeroPoints.count == 1 ? 0 : parameter]
            return level.isNaN ? zeroPoints[0] : min(max(level, low), high)
        }
        return target == .int8 ? .int8(levels.map { Int8($0) }) : .uint8(levels.map { UInt8($0) })
    }

    /// `(x - zero_point) * scale` as float.
    package static func dequantize(_ x: Tensor, scale: Tensor, zeroPoint: Tensor?, axis: Int) -> [Float] {
        let channel = channelIndex(x.shape, parameters: scale.shape.elementCount, axis: axis)
        let scales = scale.floats
        let zeroPoints = zeroPoint?.floats ?? [0]
        let values = x.floats
        return values.indices.map { index in
            let parameter = channel(index)
            return (values[index] - zeroPoints[zeroPoints.count == 1 ? 0 : parameter]) * scales[parameter]
        }
    }

    /// Maps an element index of `shape` to its scale index: always 0 for a single scale, else the
    /// coordinate along `axis` (negative counts from the end).
    private static func channelIndex(_ shape: Shape, parameters: Int, axis: Int) -> (Int) -> Int {
        guard parameters > 1 else { return { _ in 0 } }
        let axis = axis < 0 ? axis + shape.rank : axis
        let inner = shape.strides[axis]
        let extent = shape[axis]
        return { $0 / inner % extent }
    }
}
