/// Renders a graph in vggc's stable IR text form (what `vggc compile --dump-ir` shows and what
/// `IRParser` reads back):
///
/// ```
/// graph tiny
/// input %x : f32[1,3,8,8]
/// init %b : f32[2] = [0.5,-1.0]
/// init %w : f32[2,3,3,3]
/// %y = Conv(%x, %w, %b) {kernel=[3,3], strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1, act=relu} : f32[1,2,8,8]  # conv0
/// output %y
/// ```
///
/// Initializers come sorted by name; their elements are printed only up to a limit. `%name` is
/// written `%"name"` when the name is not a plain identifier, `_` stands for an omitted operand, and
/// `?` for a value without a static type.
public enum IRPrinter {
    /// Initializers with at most this many elements are printed with their values.
    public static let defaultInlineElementLimit = 8

    /// The text form of `graph`, one statement per line, ending in a newline.
    public static func print(_ graph: Graph, inlineElementLimit: Int = defaultInlineElementLimit) -> String {
        var lines = ["graph \(quoted(graph.name))"]
        lines += graph.inputs.map { "input \(reference($0.name)) : \($0.type)" }
        lines += graph.sortedInitializerNames.map { name in
            initializerLine(name, graph.initializers[name]!, inlineElementLimit: inlineElementLimit)
        }
        lines += graph.nodes.map { nodeLine($0, types: graph.types) }
        lines += graph.outputs.map { "output \(reference($0))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func initializerLine(_ name: String, _ tensor: Tensor, inlineElementLimit: Int) -> String {
        let line = "init \(reference(name)) : \(tensor.type)"
        guard tensor.shape.elementCount <= inlineElementLimit else { return line }
        return line + " = " + IRAttributeValue.list(tensor.textElements).text
    }

    private static func nodeLine(_ node: Node, types: [String: TensorType]) -> String {
        let outputs = node.outputs.map(reference).joined(separator: ", ")
        let inputs = node.inputs.map(reference).joined(separator: ", ")
        var line = "\(outputs) = \(node.op.operatorName)(\(inputs))"
        let attributes = node.op.textAttributes
        if !attributes.isEmpty {
            line += " {" + attributes.map { "\($0.name)=\($0.value.text)" }.joined(separator: ", ") + "}"
        }
        let outputTypes = node.outputs.map { output in types[output].map(\.description) ?? "?" }
        return line + " : " + outputTypes.joined(separator: ", ") + "  # " + quoted(node.name)
    }

    /// `%name`, or `_` for the empty name of an omitted operand.
    package static func reference(_ value: String) -> String {
        value.isEmpty ? "_" : "%" + quoted(value)
    }

    /// The name itself when it is a plain identifier, otherwise a double-quoted string literal.
    package static func quoted(_ name: String) -> String {
        if !name.isEmpty && name.unicodeScalars.allSatisfy(isPlainNameCharacter) { return name }
        var literal = "\""
        for character in name {
            switch character {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            default: literal.append(character)
            }
        }
        return literal + "\""
    }

    /// Characters a value or node name may use without quotes.
    package static func isPlainNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "." || scalar == "-" || scalar == "/")
    }
}
