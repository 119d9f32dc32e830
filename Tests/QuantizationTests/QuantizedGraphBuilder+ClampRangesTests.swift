@testable import IR
import Testing
@testable import Quantization

@Suite("QuantizedGraphBuilder clamp ranges")
struct QuantizedGraphBuilderClampRangesTests {
    /// `a + b → relu` (the sum read by the ReLU alone) and `a + b → relu, + graph output` (the sum read
    /// twice), on [1, 2, 2, 2] activations.
    static func residualGraph(sumIsAlsoRead: Bool) -> Graph {
        let info = { (name: String) in ValueInfo(name: name, type: TensorType(.float32, [1, 2, 2, 2])) }
        var nodes = [Node(name: "sum", op: .add, inputs: ["a", "b"], outputs: ["s"]),
                     Node(name: "relu", op: .relu, inputs: ["s"], outputs: ["r"])]
        if sumIsAlsoRead { nodes.append(Node(name: "other", op: .add, inputs: ["s", "r"], outputs: ["o"])) }
        return Graph(name: "residual", inputs: [info("a"), info("b")], outputs: [sumIsAlsoRead ? "o" : "r"], initializers: [:],
                     nodes: nodes)
    }

    static let ranges: [String: ClosedRange<Float>] = ["a": -2...3, "b": -1...1, "s": -3...4, "r": 0...4, "o": -3...8]

    @Test func aSumReadOnlyByAReluTakesTheRelusRange() {
        let shared = QuantizedGraphBuilder.sharingClampRanges(Self.residualGraph(sumIsAlsoRead: false), Self.ranges)
        #expect(shared["s"] == 0...4)
        #expect(shared.filter { $0.key != "s" } == Self.ranges.filter { $0.key != "s" })
    }

    @Test func aSumWithAnotherReaderKeepsItsRange() {
        let shared = QuantizedGraphBuilder.sharingClampRanges(Self.residualGraph(sumIsAlsoRead: true), Self.ranges)
        #expect(shared == Self.ranges)
    }
}
