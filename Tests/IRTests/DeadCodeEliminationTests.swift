@testable import IR
import Testing

@Suite("DeadCodeElimination")
struct DeadCodeEliminationTests {
    @Test func removesDeadNodesAndInitializersButKeepsInputs() throws {
        let (input, output) = try GoldenIR.check("dce/unused", passes: [DeadCodeElimination()])
        #expect(output.nodes.map(\.name) == ["relu", "scale", "dropout_with_unused_mask"])
        #expect(output.sortedInitializerNames == ["two"])
        #expect(output.inputs.map(\.name) == ["x", "unused_input"])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 1))
    }

    @Test func keepsAnInitializerThatIsAGraphOutput() throws {
        let graph = try PassTestSupport.parse("""
            graph constant_output
            input %x : f32[1]
            init %k : f32[1] = [4]
            %y = Relu(%x)
            output %y
            output %k
            """)
        let result = try PassTestSupport.apply([DeadCodeElimination()], to: graph)
        #expect(result.initializers["k"] == Tensor(shape: [1], floats: [4]))
        #expect(result.nodes.count == 1)
    }
}
