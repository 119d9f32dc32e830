@testable import IR
import Testing

@Suite("IRParser")
struct IRParserTests {
    @Test func parsesAHandWrittenGraphWithDefaultsAndComments() throws {
        let graph = try IRParser.parse("""
            # a comment line
            graph "my net"

            input %x : f32[1,4]
            init %w : f32[2,4] = [1,2,3,4,5,6,7,8]
            %y = FullyConnected(%x, %w)
            %z = Relu(%y) : f32[1,2]  # "last relu"
            output %z
            """)
        #expect(graph.name == "my net")
        #expect(graph.inputs == [ValueInfo(name: "x", type: TensorType(.float32, [1, 4]))])
        #expect(graph.initializers["w"] == Tensor(shape: [2, 4], floats: [1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(graph.nodes.map(\.name) == ["y", "last relu"])
        #expect(graph.nodes[0].op == .fullyConnected(activation: nil))
        #expect(graph.types["z"] == TensorType(.float32, [1, 2]))
        #expect(graph.types["y"] == nil)
        #expect(graph.outputs == ["z"])
    }

    @Test func printedGraphsReadBackUnchanged() throws {
        let text = IRPrinter.print(IRTextSamples.everyOpGraph(), inlineElementLimit: 100)
        #expect(IRPrinter.print(try IRParser.parse(text), inlineElementLimit: 100) == text)
    }

    @Test(arguments: [
        ("graph g\n%y = Foo(%x)", 2, "unknown operator 'Foo'"),
        ("input %x : f32[1]", 1, "expected 'graph NAME' first"),
        ("graph g\ninit %w : f32[2,2]", 2, "initializer 'w' has no values (elided when printed)"),
        ("graph g\ninit %w : f32[2] = [1.0]", 2, "f32[2] needs 2 elements, 1 given"),
        ("graph g\ninit %w : f99[2] = [1,2]", 2, "unknown element type 'f99' (known: f32, i8, u8, i32, i64, bool)"),
        ("graph g\n\n%y = Relu(%x) {alpha=1}", 3, "Relu has no attribute 'alpha'"),
        ("graph g\n%y = LeakyRelu(%x)", 2, "missing attribute 'alpha'"),
        ("graph g\n%y = Flatten(%x) {axis=1.5}", 2, "expected an integer, found '1.5'"),
        ("graph g\n%y = Flatten(%x) {axis=1, axis=2}", 2, "attribute 'axis' is given twice"),
        ("graph g\n%y = Relu(%x) extra", 2, "expected the end of the line, found 'extra'"),
        ("graph g\n%y = Relu(%x", 2, "unexpected end of line"),
        ("graph g\ninit %q : i8[1] = [300]", 2, "300 does not fit Int8"),
        ("graph g\n%y = Relu(%x) # \"open", 2, "unterminated string literal"),
        ("graph g\n%y = Relu(%x) ; c", 2, "unexpected character ';'"),
        ("graph a\ngraph b", 2, "a second 'graph' line"),
        ("", 1, "missing 'graph NAME' line"),
    ])
    func reportsTheLineAndTheProblem(text: String, line: Int, detail: String) {
        #expect(throws: IRError.parseError(line: line, detail: detail)) { try IRParser.parse(text) }
    }
}
