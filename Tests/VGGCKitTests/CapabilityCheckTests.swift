import Accelerator
import Backend
import IR
import Quantization
import Testing
import TestSupport
@testable import VGGCKit

@Suite struct CapabilityCheckTests {
    /// `y = FullyConnected(x)` with one output over `inputs` inputs, every weight 1 (stored as 127).
    static func fullyConnected(inputs: Int) throws -> Graph {
        try ShapeInference.infer(Graph(
            name: "wide", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, inputs]))], outputs: ["y"],
            initializers: ["w": Tensor(shape: [1, inputs], floats: Array(repeating: 1, count: inputs))],
            nodes: [Node(name: "fc", op: .fullyConnected(activation: nil), inputs: ["x", "w"], outputs: ["y"])]))
    }

    /// The compiler's check, which keeps no weight values, and the check of the placeholder graph
    /// with its weights, as `vggc check` runs it up to the layer rules.
    static func bothChecks(_ graph: Graph) throws -> (compile: [CapabilityProblem], withWeights: [CapabilityProblem]) {
        let target = HardwareConfig.shipped("zc706")
        let compile = CapabilityCheck(canonical: graph, qdq: nil, target: target, options: QuantizationOptions(), wholeBackend: false)
        let placeholder = try #require(QuantizationCheck(canonical: graph, options: QuantizationOptions()).graph)
        return (compile.problems, BackendCheck.problems(in: placeholder, config: target, wholePipeline: false))
    }

    /// 140,000 weights stored as 127 sum to 17,780,000; times the largest input 128 that is
    /// 2,275,840,000, beyond int32: both checks state the same problem.
    @Test func anAccumulatorThatCouldOverflowIsFoundWithoutTheWeightValues() throws {
        let checks = try Self.bothChecks(try Self.fullyConnected(inputs: 140_000))
        let expected = CapabilityProblem(stage: .backend, node: "fc", op: "FullyConnected",
                                         reason: "does not fit target 'any': output channel 0: Σ|w| × 128 = 2275840000 could overflow the int32 accumulator")
        #expect(checks.compile == [expected])
        #expect(checks.withWeights == [expected])
    }

    /// 130,000 such weights stay below the bound: neither check finds a problem.
    @Test func anAccumulatorWithinInt32IsNoProblem() throws {
        let checks = try Self.bothChecks(try Self.fullyConnected(inputs: 130_000))
        #expect(checks.compile.isEmpty)
        #expect(checks.withWeights.isEmpty)
    }
}
