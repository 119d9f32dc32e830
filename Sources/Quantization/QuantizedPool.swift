import IR

/// A quantized pooling window. Max pooling is exact (padding never wins, zero points unchanged).
/// Average pooling sums `q − inputZeroPoint` over the counted taps in int32 and multiplies by the
/// fixed-point reciprocal of the count: `y = clamp(outputZeroPoint + reciprocals[count − 1].apply(sum))`,
/// rounding half up.
public struct QuantizedPool: Hashable, Sendable, Codable {
    public var window: QuantizedWindow
    /// Average pooling: the count includes padded taps (`count_include_pad`).
    public var countIncludePad: Bool
    public var inputZeroPoint: Int32
    public var outputZeroPoint: Int32
    /// Average pooling: entry `n − 1` approximates `inputScale / (outputScale × n)` for a window of
    /// `n` counted taps; empty for max pooling.
    public var reciprocals: [FixedPointMultiplier]
    public var outputClamp: ClosedRange<Int32>

    public init(window: QuantizedWindow, countIncludePad: Bool, inputZeroPoint: Int32, outputZeroPoint: Int32,
                reciprocals: [FixedPointMultiplier], outputClamp: ClosedRange<Int32>) {
        self.window = window
        self.countIncludePad = countIncludePad
        self.inputZeroPoint = inputZeroPoint
        self.outputZeroPoint = outputZeroPoint
        self.reciprocals = reciprocals
        self.outputClamp = outputClamp
    }
}
