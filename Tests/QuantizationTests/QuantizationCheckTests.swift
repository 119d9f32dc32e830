import IR
@testable import Quantization
import Testing
import TestSupport

@Suite struct QuantizationCheckTests {
    /// A canonical graph with two refusals on separate branches of nothing: a Transpose, a Sub of two
    /// activations after it (which only repeats the Transpose's refusal and must not be listed), and a
    /// Softmax that is not the graph's last op.
    static let twoRefusals = """
        graph refusals
        input %x : f32[1,2,4,4]
        init %w : f32[2,2,1,1] = [1,-1,2,0.5]
        %c1 = Conv(%x, %w) {kernel=[1,1], strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1}  # conv1
        %n = Transpose(%c1) {perm=[0,1,3,2]}  # swap
        %d = Sub(%n, %c1)  # after_swap
        %s = Softmax(%c1) {axis=1, coerce_2d=false}  # early_softmax
        %c2 = Conv(%s, %w) {kernel=[1,1], strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1}  # conv2
        output %d
        output %c2
        """

    @Test func listsEveryRefusedNodeOnceInGraphOrder() throws {
        let graph = try ShapeInference.infer(IRParser.parse(Self.twoRefusals))
        let check = QuantizationCheck(canonical: graph, options: QuantizationOptions())
        #expect(check.problems.map(\.node) == ["swap", "early_softmax"])
        #expect(check.problems.map(\.op) == ["Transpose", "Softmax"])
        #expect(check.problems.allSatisfy { $0.stage == .quantize && !$0.reason.isEmpty })
        #expect(check.problems[0].reason.contains("no Transpose"))
        #expect(check.graph == nil)
    }

    /// With nothing refused, the placeholder-quantized graph has the layers the calibrated
    /// quantizer produces: same names, operators, inputs and shapes.
    @Test func supportedGraphGivesTheQuantizersStructure() throws {
        let graph = try SampleGraphs.canonical(SampleGraphs.smallCNN(seed: 1))
        let check = QuantizationCheck(canonical: graph, options: QuantizationOptions())
        #expect(check.problems.isEmpty)
        let ranges = Dictionary(uniqueKeysWithValues: graph.types.keys.map { ($0, Float(-3)...Float(5)) })
        let calibrated = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        let placeholder = try #require(check.graph)
        #expect(placeholder.layers.map(\.name) == calibrated.layers.map(\.name))
        #expect(placeholder.layers.map(\.op.operatorName) == calibrated.layers.map(\.op.operatorName))
        #expect(placeholder.layers.map(\.inputs) == calibrated.layers.map(\.inputs))
        #expect(placeholder.layers.map(\.dims) == calibrated.layers.map(\.dims))
    }

    @Test func aGraphWithTwoInputsIsOneModelProblem() throws {
        let graph = try ShapeInference.infer(IRParser.parse("""
            graph two_inputs
            input %a : f32[1,4]
            input %b : f32[1,4]
            %y = Add(%a, %b)  # add
            output %y
            """))
        let check = QuantizationCheck(canonical: graph, options: QuantizationOptions())
        #expect(check.problems.count == 1)
        #expect(check.problems.first?.op == "<model>")
        #expect(check.problems.first?.reason.contains("one float input") == true)
    }
}
