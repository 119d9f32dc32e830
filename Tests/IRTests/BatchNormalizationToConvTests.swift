@testable import IR
import Testing

@Suite("BatchNormalizationToConv")
struct BatchNormalizationToConvTests {
    @Test func unfoldedNormalizationBecomesDepthwiseConvolution() throws {
        let graph = try PassTestSupport.parse("""
            graph bn
            input %x : f32[1,2,3,3]
            init %scale : f32[2] = [2,1]
            init %shift : f32[2] = [1,-1]
            init %mean : f32[2] = [0.5,2]
            init %var : f32[2] = [3,0]
            %y = BatchNormalization(%x, %scale, %shift, %mean, %var) {epsilon=1.0} : f32[1,2,3,3]  # bn
            output %y
            """)
        let converted = try PassTestSupport.apply([BatchNormalizationToConv()], to: graph)
        let conv = try #require(converted.nodes.first)
        #expect(conv.op == .conv(ConvAttributes(kernelShape: [1, 1], strides: [1, 1], dilations: [1, 1],
                                                padding: .explicit([0, 0, 0, 0]), group: 2)))
        // scale / sqrt(var + epsilon) = [2 / 2, 1 / 1]; bias = shift − mean × that = [0.5, −3].
        #expect(converted.initializers[conv.inputs[1]] == Tensor(shape: [2, 1, 1, 1], floats: [1, 1]))
        #expect(converted.initializers[conv.inputs[2]] == Tensor(shape: [2], floats: [0.5, -3]))
        #expect(converted.sortedInitializerNames == ["bn.bias", "bn.weight"])
        try PassTestSupport.expectSameOutputs(graph, converted, inputs: PassTestSupport.randomInputs(for: graph, seed: 4))
    }

    @Test func oneDimensionalInputGetsAOneDimensionalKernel() throws {
        let graph = try PassTestSupport.parse("""
            graph bn1d
            input %x : f32[1,2,5]
            init %scale : f32[2] = [2,1]
            init %shift : f32[2] = [1,-1]
            init %mean : f32[2] = [0.5,2]
            init %var : f32[2] = [3,0]
            %y = BatchNormalization(%x, %scale, %shift, %mean, %var) {epsilon=1.0} : f32[1,2,5]  # bn
            output %y
            """)
        let converted = try PassTestSupport.apply([BatchNormalizationToConv()], to: graph)
        #expect(PassTestSupport.operatorNames(converted) == ["Conv"])
        try PassTestSupport.expectSameOutputs(graph, converted, inputs: PassTestSupport.randomInputs(for: graph, seed: 5))
    }
}
