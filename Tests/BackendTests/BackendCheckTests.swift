import Accelerator
@testable import Backend
import IR
import Quantization
import Testing
import TestSupport

@Suite struct BackendCheckTests {
    @Test func aNetworkTheTargetRunsHasNoProblems() {
        #expect(BackendCheck.problems(in: SchedulingFixtures.tinyNetwork(), config: .shipped("vta")).isEmpty)
    }

    /// A channel shuffle of no Concat and an Add whose multiplier `ADD` cannot hold are both listed,
    /// in layer order, with their operators.
    @Test func everyUnsupportedLayerIsListedAtOnce() {
        var graph = SchedulingFixtures.tinyNetwork()
        graph.layers.insert(QuantizedLayer(name: "shuffle", op: .channelShuffle(groups: 2), inputs: ["conv2"], output: "shuffle",
                                           dims: [1, 32, 8, 8], params: SchedulingFixtures.unit), at: 3)
        graph.layers[4].inputs = ["shuffle"]
        let rescale = QuantizedRescale(zeroPoint: 0, multiplier: 1), wide = QuantizedRescale(zeroPoint: 0, multiplier: 1 << 32)
        graph.layers.insert(QuantizedLayer(name: "residual", op: .add(inputs: [rescale, wide], shift: 0, outputZeroPoint: 0,
                                                                       outputClamp: -128...127),
                                           inputs: ["pool2", "pool2"], output: "residual", dims: [1, 32, 4, 4],
                                           params: SchedulingFixtures.unit), at: 5)
        graph.layers[6].inputs = ["residual"]
        let problems = BackendCheck.problems(in: graph, config: .shipped("vta"))
        #expect(problems.map(\.node) == ["shuffle", "residual"])
        #expect(problems.map(\.op) == ["ChannelShuffle", "Add"])
        #expect(problems.allSatisfy { $0.stage == .backend })
        #expect(problems.map(\.reason) == [
            "a channel shuffle of 2 groups is stored by address only when it alone reads a channel Concat of 2 inputs of equal channels (ShuffleNet's units)", "input 1's rescale multiplier 4294967296 does not fit ADD's 32 unsigned bits",
        ])
    }

    /// What only the whole pipeline finds (no tile fits the buffers) is a problem naming the layer.
    @Test func aLayerThatDoesNotFitTheBuffersIsAProblem() {
        var config = SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64)
        config.buffers[2].bytes = 8
        let problems = BackendCheck.problems(in: SchedulingFixtures.tinyNetwork(), config: config)
        #expect(problems == [CapabilityProblem(
            stage: .backend, node: "conv1", op: "Conv",
            reason: "does not fit target 'vta': the accumulator buffer needs 16 bytes for the smallest tile, has 8")])
    }
}
