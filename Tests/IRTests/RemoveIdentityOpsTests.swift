@testable import IR
import Testing

@Suite("RemoveIdentityOps")
struct RemoveIdentityOpsTests {
    @Test func removesIdentityAndDropoutAndKeepsOutputNames() throws {
        let (input, output) = try GoldenIR.check("remove-identity/identities", passes: [RemoveIdentityOps()])
        #expect(output.nodes.map(\.name) == ["conv", "dropout_with_mask", "relu", "identity_of_input"])
        #expect(output.nodes[0].inputs[0] == "x")
        #expect(output.nodes[2].outputs == ["y"])
        #expect(output.outputs == ["y", "mask", "passthrough"])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 2))
    }

    @Test func removesUnitWindowPoolsOnly() throws {
        let (input, output) = try GoldenIR.check("remove-identity/unit-pools", passes: [RemoveIdentityOps()])
        #expect(output.nodes.map(\.name) == ["subsampling"])
        #expect(output.nodes[0].inputs == ["x"])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 3))
    }

    @Test func keepsAnIdentityWhoseInputIsAlsoAGraphOutput() throws {
        let graph = try PassTestSupport.parse("""
            graph twice
            input %x : f32[2]
            %a = Relu(%x)  # relu
            %b = Identity(%a)  # identity
            output %a
            output %b
            """)
        let result = try PassTestSupport.apply([RemoveIdentityOps()], to: graph)
        #expect(result.nodes.map(\.name) == ["relu", "identity"])
    }
}
