@testable import IR
import Testing

@Suite struct NodeBypassesTests {
    /// Records the bypass of each node in `indices`, then applies them; returns which were taken.
    private func bypass(_ indices: [Int], in graph: inout Graph) -> [Bool] {
        var bypasses = NodeBypasses(graph)
        let taken = indices.map { bypasses.bypass(at: $0, in: &graph) }
        bypasses.apply(to: &graph)
        return taken
    }

    @Test func bypassRedirectsReaders() throws {
        var graph = try PassTestSupport.identityChain()
        #expect(bypass([1], in: &graph) == [true])
        #expect(graph.nodes.map(\.inputs) == [["x"], ["a", "k"], ["a", "k"]])
    }

    @Test func bypassAtAGraphOutputRenamesTheProducer() throws {
        var graph = try PassTestSupport.identityChain()
        graph.outputs = ["b"]
        #expect(bypass([1], in: &graph) == [true])
        #expect(graph.nodes[0].outputs == ["b"])
        #expect(graph.nodes.map(\.inputs) == [["x"], ["b", "k"], ["b", "k"]])
    }

    @Test func bypassRefusesWhenTheInputCannotBeRenamed() throws {
        var original = try PassTestSupport.identityChain()
        original.nodes[1].inputs = ["x"]
        original.outputs = ["b"]
        var graph = original
        #expect(bypass([1], in: &graph) == [false])
        #expect(graph == original)
    }

    /// A chain of pass-through nodes ending at a graph output: every read lands on the first value,
    /// and the producer at the chain's head takes the output's name.
    @Test func aChainCollapsesOntoItsHeadAndKeepsTheOutputName() throws {
        var graph = try PassTestSupport.parse("""
            graph chain
            input %x : f32[2]
            %a = Relu(%x)  # relu
            %b = Identity(%a)  # id1
            %c = Identity(%b)  # id2
            %e = Sigmoid(%b)  # sigmoid
            %d = Identity(%c)  # id3
            output %d
            output %e
            """)
        #expect(bypass([1, 2, 4], in: &graph) == [true, true, true])
        #expect(graph.nodes.map(\.name) == ["relu", "sigmoid"])
        #expect(graph.nodes[0].outputs == ["d"])
        #expect(graph.nodes[1].inputs == ["d"])
    }
}
