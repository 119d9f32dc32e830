@testable import IR
import Testing

@Suite("Graph rewriting helpers")
struct GraphRewritingTests {
    private func chain() throws -> Graph {
        try PassTestSupport.parse("""
            graph chain
            input %x : f32[2]
            init %k : f32[2] = [1,2]
            %a = Relu(%x)  # relu
            %b = Identity(%a)  # identity
            %c = Add(%b, %k)  # add
            %d = Mul(%b, %k)  # mul
            output %c
            output %d
            """)
    }

    @Test func readersAndPrivacy() throws {
        let graph = try chain()
        #expect(graph.readers()["b"] == [2, 3])
        #expect(graph.readers()["a"] == [1])
        #expect(graph.isPrivate("a", to: 1))
        #expect(!graph.isPrivate("b", to: 2))
        #expect(!graph.isPrivate("c", to: 0))
    }

    @Test func setConstantInputOverwritesOnlyPrivateConstants() throws {
        var graph = try chain()
        let replacement = Tensor(shape: [2], floats: [5, 6])
        graph.setConstantInput(1, ofNodeAt: 2, to: replacement, baseName: "k")
        #expect(graph.nodes[2].inputs == ["b", "k_1"])
        #expect(graph.initializers["k"] == Tensor(shape: [2], floats: [1, 2]))
        graph.setConstantInput(1, ofNodeAt: 3, to: replacement, baseName: "k")
        #expect(graph.nodes[3].inputs == ["b", "k"])
        #expect(graph.initializers["k"] == replacement)
    }

    @Test func unusedNamesAvoidEveryValue() throws {
        let graph = try chain()
        #expect(graph.unusedValueName("k") == "k_1")
        #expect(graph.unusedValueName("a") == "a_1")
        #expect(graph.unusedValueName("fresh") == "fresh")
    }
}
