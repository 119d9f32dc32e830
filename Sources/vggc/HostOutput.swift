import IR
import Quantization

/// One graph output as the host sees it after a run: the stored integers the accelerator wrote,
/// dequantized (`scale × (q − zeroPoint)`), and the host softmax applied when the graph has one,
/// as `IntegerInterpreter.run` does.
struct HostOutput: Hashable, Sendable {
    var name: String
    var dims: [Int]
    /// The stored values, row-major.
    var stored: [Int32]
    /// The dequantized values.
    var values: [Float]
    /// The softmax of `values`, when the graph output has a host softmax.
    var probabilities: [Float]?

    /// Dequantizes `stored`, the values behind `output`, and applies its host softmax
    /// (`QuantizedOutput.hostValues`, as the integer reference does).
    init(output: QuantizedOutput, stored: [Int32]) throws {
        name = output.name
        dims = output.dims
        self.stored = stored
        (values, probabilities) = output.hostValues(stored: stored)
    }

    /// The probabilities when there are any, else the dequantized values.
    var scores: [Float] { probabilities ?? values }

    /// The indices of the `count` largest scores, largest first (the lower index first on ties).
    func top(_ count: Int) -> [Int] {
        let scores = self.scores
        return Array(scores.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }.prefix(count))
    }
}
