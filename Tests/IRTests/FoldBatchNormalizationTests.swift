@testable import IR
import Testing

@Suite("FoldBatchNormalization")
struct FoldBatchNormalizationTests {
    @Test func foldsIntoConvolutionsAndLeavesTheRest() throws {
        let (input, output) = try GoldenIR.check("fold-batchnorm/conv-bn", passes: [FoldBatchNormalization()])
        #expect(output.nodes.map(\.name) == ["conv", "relu", "conv_no_bias", "relu2", "bn_after_relu",
                                             "conv_two_readers", "bn_shared_input", "add"])
        // scale / sqrt(var + epsilon) = [0.5, 1] with epsilon = 1, so these are exact.
        #expect(output.initializers["w"]?.floats == [1, -1])
        #expect(output.initializers["b"]?.floats == [0, 1.25])
        #expect(output.initializers["w2_1"]?.floats == [0.5, 1, 3, 4])
        #expect(output.initializers["conv_no_bias.bias"]?.floats == [-0.25, 1])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 3))
    }

    @Test(arguments: [(1, true), (1, false), (2, true), (4, false)])
    func randomConvolutionMatchesTheInterpreter(group: Int, withBias: Bool) throws {
        let graph = convolutionWithNormalization(group: group, withBias: withBias)
        let folded = try PassTestSupport.apply([FoldBatchNormalization()], to: graph)
        #expect(PassTestSupport.operatorNames(folded) == ["Conv"])
        #expect(folded.nodes[0].outputs == ["y"])
        #expect(folded.sortedInitializerNames == (withBias ? ["b", "w"] : ["conv.bias", "w"]))
        try PassTestSupport.expectSameOutputs(graph, folded, inputs: PassTestSupport.randomInputs(for: graph, seed: 4))
    }

    @Test func randomFullyConnectedMatchesTheInterpreter() throws {
        let graph = Graph(
            name: "fc_bn", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [2, 5]))], outputs: ["y"],
            initializers: normalization(channels: 3, seed: 20).merging([
                "w": PassTestSupport.randomTensor([3, 5], seed: 21), "b": PassTestSupport.randomTensor([3], seed: 22),
            ]) { first, _ in first },
            nodes: [Node(name: "fc", op: .fullyConnected(activation: nil), inputs: ["x", "w", "b"], outputs: ["h"]),
                    Node(name: "bn", op: .batchNormalization(epsilon: 1e-3),
                         inputs: ["h", "scale", "shift", "mean", "var"], outputs: ["y"])])
        let folded = try PassTestSupport.apply([FoldBatchNormalization()], to: graph)
        #expect(PassTestSupport.operatorNames(folded) == ["FullyConnected"])
        try PassTestSupport.expectSameOutputs(graph, folded, inputs: PassTestSupport.randomInputs(for: graph, seed: 5))
    }

    @Test func leavesALayerWithAFusedActivationOrRuntimeStatistics() throws {
        var fused = convolutionWithNormalization(group: 1, withBias: true)
        if case .conv(var attributes) = fused.nodes[0].op {
            attributes.activation = .relu
            fused.nodes[0].op = .conv(attributes)
        }
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([FoldBatchNormalization()], to: fused))
            == ["Conv", "BatchNormalization"])

        var runtimeMean = convolutionWithNormalization(group: 1, withBias: true)
        runtimeMean.initializers["mean"] = nil
        runtimeMean.inputs.append(ValueInfo(name: "mean", type: TensorType(.float32, [8])))
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([FoldBatchNormalization()], to: runtimeMean))
            == ["Conv", "BatchNormalization"])
    }

    /// `x [1,4,7,7] → Conv(3x3, stride 2, pad 1, group) → BatchNormalization → y`, random operands.
    private func convolutionWithNormalization(group: Int, withBias: Bool) -> Graph {
        var initializers = normalization(channels: 8, seed: 10)
        initializers["w"] = PassTestSupport.randomTensor([8, 4 / group, 3, 3], seed: 11)
        if withBias { initializers["b"] = PassTestSupport.randomTensor([8], seed: 12) }
        let conv = ConvAttributes(kernelShape: [3, 3], strides: [2, 2], dilations: [1, 1],
                                  padding: .explicit([1, 1, 1, 1]), group: group)
        return Graph(
            name: "conv_bn", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 4, 7, 7]))], outputs: ["y"],
            initializers: initializers,
            nodes: [Node(name: "conv", op: .conv(conv), inputs: withBias ? ["x", "w", "b"] : ["x", "w"], outputs: ["c"]),
                    Node(name: "bn", op: .batchNormalization(epsilon: 1e-5),
                         inputs: ["c", "scale", "shift", "mean", "var"], outputs: ["y"])])
    }

    /// Random BN operands; variances in [0.1, 2].
    private func normalization(channels: Int, seed: UInt64) -> [String: Tensor] {
        ["scale": PassTestSupport.randomTensor([channels], in: 0.5...2, seed: seed),
         "shift": PassTestSupport.randomTensor([channels], seed: seed + 1),
         "mean": PassTestSupport.randomTensor([channels], seed: seed + 2),
         "var": PassTestSupport.randomTensor([channels], in: 0.1...2, seed: seed + 3)]
    }
}
