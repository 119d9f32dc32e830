import IR

/// A quantized convolution or fully-connected layer:
/// `y[m] = clamp(outputZeroPoint + requantize(acc[m]), outputClamp)` with
/// `acc[m] = bias[m] + Σ x[tap] × weight[m, tap]`, where `x` reads `inputZeroPoint` in the padding.
/// In the 8-bit modes `acc` is computed exactly and saturated to int32 once; in `de1soc-q10` it is
/// exact in 64 bits.
public struct QuantizedConv: Hashable, Sendable, Codable {
    /// `[M, C/group, kh, kw]` (convolution) or `[M, K]` (fully connected); int8, or int32 holding
    /// 20-bit values in `de1soc-q10`.
    public var weight: Tensor
    /// The real scale of each output channel's weights (one entry when per tensor).
    public var weightScales: [Float]
    /// One per output channel, at scale `inputScale × weightScales[m]`, with `−inputZeroPoint ×
    /// Σ weight[m, ·]` folded in, so the interpreter multiplies stored values directly.
    public var bias: [Int32]
    public var window: QuantizedWindow
    public var group: Int
    /// The stored value that stands for real 0 in the input: what padding inserts.
    public var inputZeroPoint: Int32
    public var requantization: Requantization
    public var outputZeroPoint: Int32
    /// The storage range intersected with the fused ReLU/Clip.
    public var outputClamp: ClosedRange<Int32>

    public init(weight: Tensor, weightScales: [Float], bias: [Int32], window: QuantizedWindow, group: Int,
                inputZeroPoint: Int32, requantization: Requantization, outputZeroPoint: Int32,
                outputClamp: ClosedRange<Int32>) {
        self.weight = weight
        self.weightScales = weightScales
        self.bias = bias
        self.window = window
        self.group = group
        self.inputZeroPoint = inputZeroPoint
        self.requantization = requantization
        self.outputZeroPoint = outputZeroPoint
        self.outputClamp = outputClamp
    }

    /// Number of output channels.
    public var outputChannels: Int { weight.shape[0] }
}
