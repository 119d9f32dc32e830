/// Reads the tokens of one IR text line in order; every method throws when the text does not fit.
package struct IRTokenCursor {
    private let tokens: [IRToken]
    private var position = 0

    package init(_ tokens: [IRToken]) { self.tokens = tokens }

    package var isAtEnd: Bool { position == tokens.count }

    package var peek: IRToken? { isAtEnd ? nil : tokens[position] }

    package mutating func next() throws -> IRToken {
        guard let token = peek else { throw IRAttributeValue.Problem(detail: "unexpected end of line") }
        position += 1
        return token
    }

    /// Consumes `symbol` if it comes next.
    package mutating func skip(_ symbol: Character) -> Bool {
        guard peek == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    package mutating func expect(_ symbol: Character) throws {
        let token = try next()
        guard token == .symbol(symbol) else { throw unexpected(token, wanted: "'\(symbol)'") }
    }

    package mutating func word() throws -> String {
        let token = try next()
        guard case .word(let word) = token else { throw unexpected(token, wanted: "a word") }
        return word
    }

    package func expectEnd() throws {
        if let token = peek { throw unexpected(token, wanted: "the end of the line") }
    }

    /// A node, graph or value name written plainly or quoted.
    package mutating func name() throws -> String {
        let token = try next()
        switch token {
        case .word, .int, .float: return token.text
        case .string(let string): return string
        case .value, .symbol: throw unexpected(token, wanted: "a name")
        }
    }

    /// `%name`, or `_` for an omitted operand (returned as the empty name).
    package mutating func valueReference() throws -> String {
        let token = try next()
        switch token {
        case .value(let name): return name
        case .word("_"): return ""
        default: throw unexpected(token, wanted: "%name or _")
        }
    }

    /// Value references up to and including `)`.
    package mutating func valueReferences() throws -> [String] {
        var references: [String] = []
        if skip(")") { return references }
        repeat {
            references.append(try valueReference())
        } while skip(",")
        try expect(")")
        return references
    }

    /// `key=value` pairs up to and including `}`.
    package mutating func attributePairs() throws -> [(String, IRAttributeValue)] {
        var pairs: [(String, IRAttributeValue)] = []
        if skip("}") { return pairs }
        repeat {
            let key = try word()
            try expect("=")
            pairs.append((key, try attributeValue()))
        } while skip(",")
        try expect("}")
        return pairs
    }

    /// `f32[1,3,8,8]`.
    package mutating func tensorType() throws -> TensorType {
        let elementType = try DataType(textWord: word())
        return TensorType(elementType, Shape(try attributeValue().ints()))
    }

    /// One attribute value: a number, `true`/`false`, a word, `word(args)` or `[items]`.
    package mutating func attributeValue() throws -> IRAttributeValue {
        let token = try next()
        switch token {
        case .int(let value): return .int(value)
        case .float(let value, _): return .float(value)
        case .word("true"): return .bool(true)
        case .word("false"): return .bool(false)
        case .word(let word):
            guard skip("(") else { return .word(word) }
            return .call(word, try attributeValues(until: ")"))
        case .symbol("["):
            return .list(try attributeValues(until: "]"))
        default:
            throw unexpected(token, wanted: "an attribute value")
        }
    }

    /// Comma-separated values up to and including `closing`.
    package mutating func attributeValues(until closing: Character) throws -> [IRAttributeValue] {
        var values: [IRAttributeValue] = []
        if skip(closing) { return values }
        repeat {
            values.append(try attributeValue())
        } while skip(",")
        try expect(closing)
        return values
    }

    private func unexpected(_ token: IRToken, wanted: String) -> IRAttributeValue.Problem {
        IRAttributeValue.Problem(detail: "expected \(wanted), found '\(token.text)'")
    }
}
