import IR

/// The affine map between a stored integer and the real value it stands for:
/// `real = scale × (q − zeroPoint)`.
public struct QuantParams: Hashable, Sendable, Codable {
    public var scale: Float
    public var zeroPoint: Int32

    public init(scale: Float, zeroPoint: Int32) {
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    /// `clamp(round_half_even(x / scale) + zeroPoint, range)`, as ONNX `QuantizeLinear` rounds, with
    /// the division in double precision; NaN becomes the zero point. This is how the host quantizes
    /// the network input.
    public func quantize(_ x: Float, into range: ClosedRange<Int32>) -> Int32 {
        let level = (Double(x) / Double(scale)).rounded(.toNearestOrEven) + Double(zeroPoint)
        if level.isNaN { return zeroPoint }
        return Int32(min(max(level, Double(range.lowerBound)), Double(range.upperBound)))
    }

    /// `scale × (q − zeroPoint)`.
    public func dequantize(_ q: Int32) -> Float {
        scale * Float(q - zeroPoint)
    }
}
