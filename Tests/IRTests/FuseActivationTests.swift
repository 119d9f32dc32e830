@testable import IR
import Testing

@Suite("FuseActivation")
struct FuseActivationTests {
    @Test func fusesAndComposesActivations() throws {
        let (input, output) = try GoldenIR.check("fuse-activation/activations", passes: [FuseActivation()])
        #expect(output.nodes.map(\.name) == ["conv_relu", "conv_relu_clip", "conv_disjoint", "clip3", "conv_two_readers",
                                             "relu4", "add4", "conv_bad_clip", "clip_min_above_max", "pool", "flatten", "fc"])
        #expect(output.nodes[0].op.fusedActivation == .relu)
        #expect(output.nodes[1].op.fusedActivation == .clip(min: 0, max: 6))
        #expect(output.nodes[2].op.fusedActivation == .clip(min: 0, max: 1))
        #expect(output.nodes[11].op == .fullyConnected(activation: .clip(min: 0, max: 6)))
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 10))
    }
}
