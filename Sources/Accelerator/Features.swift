import Quantization

/// Optional capabilities of the accelerator.
public struct Features: Codable, Hashable, Sendable {
    /// Post-processing has a lookup-table stage: sigmoid, tanh and other table layers run from a
    /// table (or, in `de1soc-q10`, a piecewise-linear curve). Without it the backend refuses them.
    public var lutActivations: Bool
    /// The arithmetic the MACs and requantizer implement (see the integer reference); `vggc compile`
    /// quantizes in it unless `--arith` names another.
    public var arithmetic: ArithmeticMode

    public init(lutActivations: Bool, arithmetic: ArithmeticMode) {
        self.lutActivations = lutActivations
        self.arithmetic = arithmetic
    }

    /// Decodes `arithmetic` from its name, refusing an unknown one with
    /// `ConfigKeyProblem.unknownValue` (the name and every mode's).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lutActivations = try container.decode(Bool.self, forKey: .lutActivations)
        arithmetic = try ConfigKeyProblem.value(try container.decode(String.self, forKey: .arithmetic), of: ArithmeticMode.self,
                                                at: container.codingPath + [CodingKeys.arithmetic])
    }
}
