/// Attributes of local response normalisation across channels (ONNX `LRN`):
/// `y = x / (bias + alpha / size * sum(x[c']^2 for c' in window(c)))^beta`.
public struct LRNAttributes: Hashable, Sendable {
    public var size: Int
    public var alpha: Float
    public var beta: Float
    public var bias: Float

    public init(size: Int, alpha: Float = 0.0001, beta: Float = 0.75, bias: Float = 1) {
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.bias = bias
    }
}
