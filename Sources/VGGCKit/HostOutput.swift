import IR
import Quantization

/// One graph output as the host sees it after a run: the stored integers the accelerator wrote,
/// dequantized (`scale × (q − zeroPoint)`), and the host softmax applied when the graph has one,
/// as `IntegerInterpreter.run` does.
public struct HostOutput: Hashable, Sendable {
    public var name: String
    public var dims: [Int]
    /// The stored values, row-major.
    public var stored: [Int32]
    /// The dequantized values.
    public var values: [Float]
    /// The softmax of `values`, when the graph output has a host softmax.
    public var probabilities: [Float]?

    /// Dequantizes `stored`, the values behind `output`, and applies its host softmax
    /// (`QuantizedOutput.hostValues`, as the integer reference does).
    public init(output: QuantizedOutput, stored: [Int32]) {
        name = output.name
        dims = output.dims
        self.stored = stored
        (values, probabilities) = output.hostValues(stored: stored)
    }

    /// The probabilities when there are any, else the dequantized values.
    public var scores: [Float] { probabilities ?? values }

    /// What `scores` are.
    public var scoreKind: ScoreKind { probabilities == nil ? .dequantized : .probability }

    /// The indices of the `count` largest scores, largest first (the lower index first on ties).
    public func top(_ count: Int) -> [Int] {
        Ranking.top(count, of: scores)
    }
}
