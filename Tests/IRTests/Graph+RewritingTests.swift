@testable import IR
import Testing

@Suite("Graph rewriting helpers")
struct GraphRewritingTests {
    @Test func readersAndPrivacy() throws {
        let graph = try PassTestSupport.identityChain()
        #expect(graph.readers()["b"] == [2, 3])
        #expect(graph.readers()["a"] == [1])
        #expect(graph.isPrivate("a", to: 1))
        #expect(!graph.isPrivate("b", to: 2))
        #expect(!graph.isPrivate("c", to: 0))
    }

    @Test func setConstantInputOverwritesOnlyPrivateConstants() throws {
        var graph = try PassTestSupport.identityChain()
        let replacement = Tensor(shape: [2], floats: [5, 6])
        graph.setConstantInput(1, ofNodeAt: 2, to: replacement, baseName: "k")
        #expect(graph.nodes[2].inputs == ["b", "k_1"])
        #expect(graph.initializers["k"] == Tensor(shape: [2], floats: [1, 2]))
        graph.setConstantInput(1, ofNodeAt: 3, to: replacement, baseName: "k")
        #expect(graph.nodes[3].inputs == ["b", "k"])
        #expect(graph.initializers["k"] == replacement)
    }

    @Test func unusedNamesAvoidEveryValue() throws {
        let graph = try PassTestSupport.identityChain()
        #expect(graph.unusedValueName("k") == "k_1")
        #expect(graph.unusedValueName("a") == "a_1")
        #expect(graph.unusedValueName("fresh") == "fresh")
    }
}
