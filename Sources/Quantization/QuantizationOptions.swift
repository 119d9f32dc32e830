import IR

/// What `Quantizer` produces: the arithmetic mode and, where the mode allows a choice, the weight
/// scale granularity.
public struct QuantizationOptions: Hashable, Sendable, Codable {
    /// One weight scale per output channel or one per layer.
    public enum WeightGranularity: String, Hashable, Sendable, Codable, CaseIterable {
        case perChannel = "per-channel"
        case perTensor = "per-tensor"
    }

    public var arithmetic: ArithmeticMode
    /// Honoured by `default` and `pow2-weights`; `vgg16-cu`, `dynamic-fixed-point` and `de1soc-q10`
    /// always use one weight scale per layer.
    public var weightGranularity: WeightGranularity

    public init(arithmetic: ArithmeticMode = .standard, weightGranularity: WeightGranularity = .perChannel) {
        self.arithmetic = arithmetic
        self.weightGranularity = weightGranularity
    }

    /// The granularity actually used under `arithmetic`.
    package var effectiveGranularity: WeightGranularity {
        arithmetic == .standard || arithmetic == .pow2Weights ? weightGranularity : .perTensor
    }
}
