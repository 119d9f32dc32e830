import Foundation

/// Errors raised by the IR module: shape inference, verification, passes and interpreters.
/// Every case names the node (or value) and the numbers involved.
public enum IRError: Error, Equatable, LocalizedError {
    /// Shape inference found operands that do not fit the op.
    case shapeMismatch(node: String, op: String, detail: String)
    /// An op received an element type it does not accept.
    case typeMismatch(node: String, op: String, expected: String, found: DataType)
    /// A node reads a value nothing produces.
    case undefinedValue(node: String, value: String)
    /// A value is produced more than once.
    case duplicateDefinition(value: String)
    /// The graph is not in topological order or contains a cycle.
    case notTopological(node: String, value: String)
    /// An input that must be a compile-time constant is computed at run time.
    case nonConstantOperand(node: String, op: String, operand: String)
    /// The graph lacks a runtime input or got one of the wrong shape.
    case badGraphInput(name: String, detail: String)
    /// The verifier found a broken invariant.
    case verificationFailed(pass: String, detail: String)
    /// `--dump-ir=STAGE` or `--stop-after STAGE` named a stage that does not exist.
    case unknownStage(String, available: [String])

    public var errorDescription: String? {
        switch self {
        case .shapeMismatch(let node, let op, let detail):
            return "node '\(node)' (\(op)): \(detail)"
        case .typeMismatch(let node, let op, let expected, let found):
            return "node '\(node)' (\(op)): expected \(expected), found \(found)"
        case .undefinedValue(let node, let value):
            return "node '\(node)' reads value '\(value)', which nothing produces"
        case .duplicateDefinition(let value):
            return "value '\(value)' is produced more than once"
        case .notTopological(let node, let value):
            return "node '\(node)' reads '\(value)' before it is produced (cycle or unsorted graph)"
        case .nonConstantOperand(let node, let op, let operand):
            return "node '\(node)' (\(op)): operand '\(operand)' must be a compile-time constant"
        case .badGraphInput(let name, let detail):
            return "graph input '\(name)': \(detail)"
        case .verificationFailed(let pass, let detail):
            return "IR verification failed after '\(pass)': \(detail)"
        case .unknownStage(let stage, let available):
            return "unknown stage '\(stage)'; stages are: \(available.joined(separator: ", "))"
        }
    }
}
