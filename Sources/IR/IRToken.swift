/// A token of the IR text form. Each statement is one line, so lines are tokenized separately.
package enum IRToken: Equatable {
    /// `%name` or `%"quoted name"`: a value reference.
    case value(String)
    /// A run of plain-name characters that is not a number: keywords, op names, attribute keys,
    /// element types, enumerated words and plain node names.
    case word(String)
    /// An integer literal.
    case int(Int)
    /// A float literal, including `inf`, `-inf` and `nan`.
    case float(Float, text: String)
    /// A double-quoted string literal, unescaped.
    case string(String)
    /// One of `( ) [ ] { } , = : # ?`.
    case symbol(Character)

    /// The token as it appears in the text, for error messages and names.
    package var text: String {
        switch self {
        case .value(let name): return IRPrinter.reference(name)
        case .word(let word): return word
        case .int(let value): return String(value)
        case .float(_, let text): return text
        case .string(let string): return IRPrinter.quoted(string)
        case .symbol(let symbol): return String(symbol)
        }
    }

    /// Splits one line of IR text into tokens.
    package static func tokenize(_ line: Substring) throws -> [IRToken] {
        var tokens: [IRToken] = []
        var rest = line.unicodeScalars[...]
        while let first = rest.first {
            if first.properties.isWhitespace {
                rest = rest.dropFirst()
            } else if first == "%" {
                rest = rest.dropFirst()
                if rest.first == "\"" {
                    tokens.append(.value(try stringLiteral(&rest)))
                } else {
                    let name = plainRun(&rest)
                    guard !name.isEmpty else { throw IRAttributeValue.Problem(detail: "'%' must be followed by a value name") }
                    tokens.append(.value(name))
                }
            } else if first == "\"" {
                tokens.append(.string(try stringLiteral(&rest)))
            } else if IRPrinter.isPlainNameCharacter(first) {
                tokens.append(classify(plainRun(&rest)))
            } else if "()[]{},=:#?".unicodeScalars.contains(first) {
                tokens.append(.symbol(Character(first)))
                rest = rest.dropFirst()
            } else {
                throw IRAttributeValue.Problem(detail: "unexpected character '\(first)'")
            }
        }
        return tokens
    }

    private static func plainRun(_ rest: inout Substring.UnicodeScalarView.SubSequence) -> String {
        let run = rest.prefix(while: IRPrinter.isPlainNameCharacter)
        rest = rest.dropFirst(run.count)
        return String(String.UnicodeScalarView(run))
    }

    private static func classify(_ run: String) -> IRToken {
        if let value = Int(run) { return .int(value) }
        if let value = Float(run), run.first.map({ $0.isNumber || $0 == "-" || $0 == "i" || $0 == "n" }) == true {
            return .float(value, text: run)
        }
        return .word(run)
    }

    private static func stringLiteral(_ rest: inout Substring.UnicodeScalarView.SubSequence) throws -> String {
        rest = rest.dropFirst()
        var result = ""
        while let scalar = rest.popFirst() {
            switch scalar {
            case "\"":
                return result
            case "\\":
                switch rest.popFirst() {
                case "n": result += "\n"
                case "\"": result += "\""
                case "\\": result += "\\"
                default: throw IRAttributeValue.Problem(detail: "bad escape in string literal")
                }
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        throw IRAttributeValue.Problem(detail: "unterminated string literal")
    }
}
