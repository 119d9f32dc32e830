/// Attributes of a windowed pooling (`Op.maxPool`, `Op.averagePool`). One or two spatial axes.
public struct PoolAttributes: Hashable, Sendable {
    /// Window extent per spatial axis.
    public var kernelShape: [Int]
    /// Stride per spatial axis.
    public var strides: [Int]
    /// Dilation per spatial axis (ONNX MaxPool opset 10+; always 1 for average pooling).
    public var dilations: [Int]
    /// Padding of the input. Padded positions never win a max and, for average pooling, count
    /// toward the divisor only when `countIncludePad` is set.
    public var padding: Padding
    /// Output extent rounds up instead of down (`ceil_mode`).
    public var ceilMode: Bool
    /// Average pooling divides by the full window including padding (`count_include_pad`).
    public var countIncludePad: Bool

    public init(kernelShape: [Int], strides: [Int], dilations: [Int], padding: Padding,
                ceilMode: Bool, countIncludePad: Bool) {
        self.kernelShape = kernelShape
        self.strides = strides
        self.dilations = dilations
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
    }
}
