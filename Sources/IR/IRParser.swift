/// Reads the IR text form that `IRPrinter` writes back into a `Graph`, so that golden tests can
/// state their input graphs as text.
///
/// Initializers must carry their values (`init %w : f32[2] = [1.0,2.0]`); a printed graph whose
/// large initializers were elided cannot be read back. A node without a `# name` is named after
/// its first output. Lines starting with `#` are comments. Types written after `:` become
/// `Graph.types`; `?` leaves a value untyped.
public enum IRParser {
    /// Parses a whole graph; errors are `IRError.parseError` with the 1-based line number.
    public static func parse(_ text: String) throws -> Graph {
        var graph: Graph?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: \.isWhitespace)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            do {
                var cursor = IRTokenCursor(try IRToken.tokenize(trimmed))
                try statement(&cursor, into: &graph)
                try cursor.expectEnd()
            } catch let problem as IRAttributeValue.Problem {
                throw IRError.parseError(line: index + 1, detail: problem.detail)
            }
        }
        guard let graph else { throw IRError.parseError(line: 1, detail: "missing 'graph NAME' line") }
        return graph
    }

    private static func statement(_ cursor: inout IRTokenCursor, into graph: inout Graph?) throws {
        if cursor.peek == .word("graph") {
            _ = try cursor.next()
            guard graph == nil else { throw IRAttributeValue.Problem(detail: "a second 'graph' line") }
            graph = Graph(name: try cursor.name(), inputs: [], outputs: [], initializers: [:], nodes: [])
            return
        }
        guard graph != nil else { throw IRAttributeValue.Problem(detail: "expected 'graph NAME' first") }
        switch cursor.peek {
        case .word("input"): try input(&cursor, into: &graph!)
        case .word("init"): try initializer(&cursor, into: &graph!)
        case .word("output"): try output(&cursor, into: &graph!)
        default: try node(&cursor, into: &graph!)
        }
    }

    private static func input(_ cursor: inout IRTokenCursor, into graph: inout Graph) throws {
        _ = try cursor.next()
        let name = try cursor.valueReference()
        try cursor.expect(":")
        let type = try cursor.tensorType()
        graph.inputs.append(ValueInfo(name: name, type: type))
        graph.types[name] = type
    }

    private static func initializer(_ cursor: inout IRTokenCursor, into graph: inout Graph) throws {
        _ = try cursor.next()
        let name = try cursor.valueReference()
        try cursor.expect(":")
        let type = try cursor.tensorType()
        guard cursor.skip("=") else {
            throw IRAttributeValue.Problem(detail: "initializer '\(name)' has no values (elided when printed)")
        }
        guard graph.initializers[name] == nil else {
            throw IRAttributeValue.Problem(detail: "initializer '\(name)' is defined twice")
        }
        graph.initializers[name] = try Tensor(type: type, textElements: cursor.attributeValue().items())
        graph.types[name] = type
    }

    private static func output(_ cursor: inout IRTokenCursor, into graph: inout Graph) throws {
        _ = try cursor.next()
        graph.outputs.append(try cursor.valueReference())
    }

    /// `%y[, %z] = Op(%a, _, %b) {key=value, ...} : TYPE[, TYPE] # name`; attributes, types and name
    /// are optional.
    private static func node(_ cursor: inout IRTokenCursor, into graph: inout Graph) throws {
        var outputs: [String] = []
        repeat {
            outputs.append(try cursor.valueReference())
        } while cursor.skip(",")
        try cursor.expect("=")
        let operatorName = try cursor.word()
        try cursor.expect("(")
        let inputs = try cursor.valueReferences()
        var attributes = try IRAttributeSet(cursor.skip("{") ? cursor.attributePairs() : [])
        let op = try Op(operatorName: operatorName, attributes: &attributes)
        try attributes.expectEnd(op: operatorName)
        if cursor.skip(":") {
            try outputTypes(&cursor, outputs: outputs, into: &graph)
        }
        let name = cursor.skip("#") ? try cursor.name() : outputs.first ?? operatorName
        graph.nodes.append(Node(name: name, op: op, inputs: inputs, outputs: outputs))
    }

    private static func outputTypes(_ cursor: inout IRTokenCursor, outputs: [String], into graph: inout Graph) throws {
        for (index, output) in outputs.enumerated() {
            if index > 0 { try cursor.expect(",") }
            if cursor.skip("?") { continue }
            let type = try cursor.tensorType()
            if !output.isEmpty { graph.types[output] = type }
        }
    }
}
