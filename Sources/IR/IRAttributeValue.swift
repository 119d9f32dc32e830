/// One attribute value in the IR text form: `{kernel=[3,3], act=clip(0.0,6.0), mode=constant}`.
///
/// The printer renders an op's attributes through this type and the parser reads them back into it,
/// so both directions share one notation.
package enum IRAttributeValue: Equatable {
    case int(Int)
    case float(Float)
    case bool(Bool)
    /// A bare word naming an enumerated choice (`relu`, `same_upper`, `f32`).
    case word(String)
    case list([IRAttributeValue])
    /// A word applied to arguments (`clip(0.0,6.0)`, `tensor(f32,[1],[0.0])`).
    case call(String, [IRAttributeValue])

    /// The value as written in the text form. Floats use Swift's shortest round-trip spelling.
    package var text: String {
        switch self {
        case .int(let value): return String(value)
        case .float(let value): return value.description
        case .bool(let value): return value ? "true" : "false"
        case .word(let word): return word
        case .list(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .call(let name, let arguments): return name + "(" + arguments.map(\.text).joined(separator: ",") + ")"
        }
    }

    package static func ints(_ values: [Int]) -> IRAttributeValue { .list(values.map(IRAttributeValue.int)) }

    /// Why a text-form value could not be read; the parser adds the line number.
    package struct Problem: Error {
        package let detail: String

        package init(detail: String) {
            self.detail = detail
        }
    }

    package func int() throws -> Int {
        guard case .int(let value) = self else { throw Problem(detail: "expected an integer, found '\(text)'") }
        return value
    }

    /// The value as a float; integers are accepted (`alpha=1`).
    package func float() throws -> Float {
        switch self {
        case .float(let value): return value
        case .int(let value): return Float(value)
        default: throw Problem(detail: "expected a number, found '\(text)'")
        }
    }

    package func bool() throws -> Bool {
        guard case .bool(let value) = self else { throw Problem(detail: "expected true or false, found '\(text)'") }
        return value
    }

    package func word() throws -> String {
        guard case .word(let word) = self else { throw Problem(detail: "expected a word, found '\(text)'") }
        return word
    }

    package func items() throws -> [IRAttributeValue] {
        guard case .list(let items) = self else { throw Problem(detail: "expected a list, found '\(text)'") }
        return items
    }

    package func ints() throws -> [Int] { try items().map { try $0.int() } }
}
