@testable import IR
import Testing

@Suite("IRPrinter")
struct IRPrinterTests {
    private func convGraph() -> Graph {
        let conv = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1],
                                  padding: .explicit([1, 1, 1, 1]), group: 1, activation: .relu)
        return Graph(
            name: "tiny",
            inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 3, 8, 8]))],
            outputs: ["y"],
            initializers: ["w": Tensor(shape: [2, 3, 3, 3], floats: .init(repeating: 0, count: 54)),
                           "b": Tensor(shape: [2], floats: [0.5, -1])],
            nodes: [Node(name: "conv0", op: .conv(conv), inputs: ["x", "w", "b"], outputs: ["y"])],
            types: ["x": TensorType(.float32, [1, 3, 8, 8]), "w": TensorType(.float32, [2, 3, 3, 3]),
                    "b": TensorType(.float32, [2]), "y": TensorType(.float32, [1, 2, 8, 8])])
    }

    @Test func printsHeaderSortedInitializersNodesAndOutputs() {
        #expect(IRPrinter.print(convGraph()) == """
            graph tiny
            input %x : f32[1,3,8,8]
            init %b : f32[2] = [0.5,-1.0]
            init %w : f32[2,3,3,3]
            %y = Conv(%x, %w, %b) {kernel=[3,3], strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1, act=relu} : f32[1,2,8,8]  # conv0
            output %y

            """)
    }

    @Test func inlineLimitControlsWhichInitializersShowValues() {
        let text = IRPrinter.print(convGraph(), inlineElementLimit: 1)
        #expect(text.contains("init %b : f32[2]\n"))
        #expect(IRPrinter.print(convGraph(), inlineElementLimit: 54).contains("init %w : f32[2,3,3,3] = [0.0,"))
    }

    @Test func quotesNamesThatAreNotPlainIdentifiers() {
        var graph = convGraph()
        graph.nodes[0].name = "conv 1"
        graph.nodes[0].inputs = ["x", "w", ""]
        graph.nodes[0].outputs = ["out \"a\""]
        graph.outputs = ["out \"a\""]
        graph.types["out \"a\""] = graph.types["y"]
        graph.types["y"] = nil
        let text = IRPrinter.print(graph)
        #expect(text.contains(#"%"out \"a\"" = Conv(%x, %w, _) {"#))
        #expect(text.contains(#"  # "conv 1""#))
        #expect(text.hasSuffix(#"output %"out \"a\""\#n"#))
    }

    @Test func plainNamesIncludeOnnxStylePunctuation() {
        #expect(IRPrinter.quoted("conv1/7x7_s2") == "conv1/7x7_s2")
        #expect(IRPrinter.quoted("input.1") == "input.1")
        #expect(IRPrinter.quoted("") == #""""#)
        #expect(IRPrinter.quoted("a:b") == #""a:b""#)
    }

    @Test func untypedOutputsPrintAQuestionMark() {
        var graph = convGraph()
        graph.types["y"] = nil
        #expect(IRPrinter.print(graph).contains("act=relu} : ?  # conv0"))
    }

    @Test func rendersEveryOpAndReadsItBack() throws {
        let graph = IRTextSamples.everyOpGraph()
        #expect(Set(graph.nodes.map(\.op.operatorName)).count == IRTextSamples.opCaseCount)
        let text = IRPrinter.print(graph, inlineElementLimit: 100)
        #expect(try IRParser.parse(text) == graph)
    }

    @Test func attributeSpellings() {
        let text = IRPrinter.print(IRTextSamples.everyOpGraph(), inlineElementLimit: 100)
        for fragment in [
            "MaxPool(%x) {kernel=[2,2], strides=[2,2], pads=same_upper, dilations=[1,1], ceil_mode=true, count_include_pad=false}",
            "Clip(%x) {min=-inf, max=6.0}",
            "Gemm(%m, %m, _) {alpha=0.5, beta=2.0, trans_a=false, trans_b=true}",
            "ConstantOfShape(%s) {value=tensor(f32,[1],[0.25])}",
            "Shape(%x) {start=1}",
            "Cast(%x) {to=i64}",
            "Pad(%x) {mode=reflect, pads=[0,0,1,1,0,0,1,1], value=0.0}",
            "FullyConnected(%m, %m, %b) {act=clip(0.0,6.0)}",
            "init %flags : bool[2] = [true,false]",
        ] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
    }
}
