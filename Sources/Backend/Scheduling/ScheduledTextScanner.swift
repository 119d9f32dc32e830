import IR

/// Reads one line of scheduled-program text from left to right; every method throws
/// `IRAttributeValue.Problem` when the text does not continue as expected.
struct ScheduledTextScanner {
    private(set) var rest: Substring

    init(_ text: Substring) {
        rest = text
    }

    var isAtEnd: Bool { rest.isEmpty }

    /// Consumes `literal` if the text continues with it.
    mutating func skip(_ literal: String) -> Bool {
        guard rest.hasPrefix(literal) else { return false }
        rest = rest.dropFirst(literal.count)
        return true
    }

    mutating func expect(_ literal: String) throws {
        guard skip(literal) else { throw IRAttributeValue.Problem(detail: "expected '\(literal)', found '\(rest)'") }
    }

    /// A decimal integer, optionally negative.
    mutating func int() throws -> Int {
        let digits = rest.prefix { $0.isNumber || $0 == "-" }
        guard let value = Int(digits) else { throw IRAttributeValue.Problem(detail: "expected a number, found '\(rest)'") }
        rest = rest.dropFirst(digits.count)
        return value
    }

    /// `0x` and hexadecimal digits.
    mutating func hex() throws -> Int {
        try expect("0x")
        let digits = rest.prefix(while: \.isHexDigit)
        guard let value = Int(digits, radix: 16) else { throw IRAttributeValue.Problem(detail: "expected hexadecimal digits, found '\(rest)'") }
        rest = rest.dropFirst(digits.count)
        return value
    }

    /// The text up to `literal`, which stays unread.
    mutating func upTo(_ literal: String) throws -> Substring {
        guard let range = rest.range(of: literal) else { throw IRAttributeValue.Problem(detail: "expected '\(literal)' in '\(rest)'") }
        defer { rest = rest[range.lowerBound...] }
        return rest[..<range.lowerBound]
    }

    /// A plain name or a double-quoted one (as `IRPrinter.quoted` writes it).
    mutating func name() throws -> String {
        guard rest.first == "\"" else {
            let plain = rest.prefix(while: { $0 != " " })
            guard !plain.isEmpty else { throw IRAttributeValue.Problem(detail: "expected a name, found '\(rest)'") }
            rest = rest.dropFirst(plain.count)
            return String(plain)
        }
        var name = ""
        var characters = rest.dropFirst()
        while let character = characters.popFirst() {
            switch character {
            case "\"":
                rest = characters
                return name
            case "\\":
                switch characters.popFirst() {
                case "n": name += "\n"
                case let escaped?: name.append(escaped)
                case nil: break
                }
            default:
                name.append(character)
            }
        }
        throw IRAttributeValue.Problem(detail: "unterminated quoted name in '\(rest)'")
    }

    func expectEnd() throws {
        guard rest.isEmpty else { throw IRAttributeValue.Problem(detail: "unexpected '\(rest)' at the end of the line") }
    }
}
