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

    static func sharedRanges(_ graph: Graph) -> [String: ClosedRange<Float>] {
        QuantizedGraphBuilder.sharingClampRanges(QuantizedGraphBuilder.clampedSums(graph), Self.ranges)
    }

    @Test func aSumReadOnlyByAReluTakesTheRelusRange() {
        let shared = Self.sharedRanges(Self.residualGraph(sumIsAlsoRead: false))
        #expect(shared["s"] == 0...4)
        #expect(shared.filter { $0.key != "s" } == Self.ranges.filter { $0.key != "s" })
    }

    @Test func aSumWithAnotherReaderKeepsItsRange() {
        #expect(Self.sharedRanges(Self.residualGraph(sumIsAlsoRead: true)) == Self.ranges)
    }

    /// `a + a → clip(-1, 2.5)` quantized: one ADD layer that writes the clip's output, and the same
    /// stored values as the sum followed by the clamp the clip would have been.
    @Test func theClampFoldsIntoTheSumsSaturation() throws {
        let info = ValueInfo(name: "a", type: TensorType(.float32, [1, 2, 2, 2]))
        let graph = try ShapeInference.infer(Graph(name: "selfSum", inputs: [info], outputs: ["r"], initializers: [:],
                                                   nodes: [Node(name: "sum", op: .add, inputs: ["a", "a"], outputs: ["s"]),
                                                           Node(name: "clip", op: .clip(min: -1, max: 2.5), inputs: ["s"], outputs: ["r"])]))
        var builder = try QuantizedGraphBuilder(graph: graph, ranges: ["a": -2...3, "s": -4...6, "r": -1...2.5],
                                                options: QuantizationOptions())
        for node in graph.nodes { try builder.add(node) }
        let folded = try builder.finish()
        #expect(folded.layers.map(\.name) == ["sum"])
        #expect(folded.layers.first?.output == "r")
        let sum = try #require(folded.layers.first)
        guard case .add(let inputs, let shift, let zeroPoint, let saturation) = sum.op else {
            Issue.record("the sum is \(sum.op)")
            return
        }
        let storage = ArithmeticMode.standard.storageRange
        let unfolded = QuantizedGraph(
            name: "unfolded", arithmetic: folded.arithmetic, input: folded.input,
            layers: [QuantizedLayer(name: "sum", op: .add(inputs: inputs, shift: shift, outputZeroPoint: zeroPoint, outputClamp: storage),
                                    inputs: sum.inputs, output: "s", dims: sum.dims, params: sum.params),
                     QuantizedLayer(name: "clip", op: .clamp(saturation), inputs: ["s"], output: "r", dims: sum.dims, params: sum.params)],
            outputs: folded.outputs)
        let input = Tensor(shape: [1, 2, 2, 2], floats: [-2, -1.3, -0.4, 0, 0.6, 1.2, 2.2, 3])
        #expect(try IntegerInterpreter(graph: folded).runStored(input) == IntegerInterpreter(graph: unfolded).runStored(input))
    }
}
