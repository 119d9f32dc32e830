@testable import IR
import Testing

@Suite("NormalizeReshape")
struct NormalizeReshapeTests {
    @Test func canonicalizesReshapesAndFlattens() throws {
        let (input, output) = try GoldenIR.check("normalize-reshape/reshapes", passes: [NormalizeReshape()])
        #expect(output.nodes.map(\.op) == [.flatten(axis: 1), .relu, .flatten(axis: 3), .flatten(axis: 1),
                                           .reshape(allowZero: false)])
        #expect(output.nodes.map(\.inputs[0]) == ["x", "x", "c", "c", "x"])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 9))
    }

    @Test func removesANoOpFlattenAtTheGraphOutputByRenaming() throws {
        let graph = try PassTestSupport.parse("""
            graph noop
            input %x : f32[2,3]
            %a = Relu(%x)  # relu
            %y = Flatten(%a) {axis=1}  # flatten
            output %y
            """)
        let result = try PassTestSupport.apply([NormalizeReshape()], to: graph)
        #expect(result.nodes == [Node(name: "relu", op: .relu, inputs: ["x"], outputs: ["y"])])
    }
}
