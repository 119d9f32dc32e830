/// Optional capabilities of the accelerator.
public struct Features: Codable, Hashable, Sendable {
    /// Pooling runs in the post-processing pipeline, fused with the preceding convolution.
    public var poolingInPostProcessing: Bool
    /// Sigmoid and tanh run from a lookup / piecewise-linear table in post-processing.
    public var lutActivations: Bool
    /// The arithmetic the MACs and requantizer implement (see the integer reference).
    public var arithmetic: String

    public init(poolingInPostProcessing: Bool, lutActivations: Bool, arithmetic: String) {
        self.poolingInPostProcessing = poolingInPostProcessing
        self.lutActivations = lutActivations
        self.arithmetic = arithmetic
    }
}
