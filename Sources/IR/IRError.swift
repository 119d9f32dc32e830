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
    /// An operand's values are out of range for the op (an index, a divisor, a shape entry).
    case invalidOperand(node: String, op: String, detail: String)

    /// A graph output names a value nothing produces.
    case undefinedGraphOutput(String)
    /// A value has no entry in `Graph.types`.
    case missingType(value: String)
    /// An initializer's recorded type differs from the tensor it holds.
    case initializerTypeMismatch(name: String, recorded: TensorType, actual: TensorType)
    /// Two nodes share a name.
    case duplicateNodeName(String)
    /// A node has a number of inputs or outputs its op does not take.
    case arityMismatch(node: String, op: String, operands: String, allowed: ClosedRange<Int>, found: Int)
    /// A node leaves a required input or output empty.
    case missingOperand(node: String, op: String, operands: String, index: Int)
    /// A node's attribute is out of range for its op.
    case invalidAttribute(node: String, op: String, detail: String)
    /// The IR text form could not be parsed.
    case parseError(line: Int, detail: String)
    /// A pre-quantized (QDQ) model holds a QuantizeLinear/DequantizeLinear pattern the int8
    /// accelerator cannot execute with the model's own scales; nothing is requantized silently.
    case unsupportedQDQ(node: String, op: String, detail: String)
    /// A matrix product (convolution, Gemm, MatMul) was evaluated without the Reference module's
    /// evaluator.
    case needsFloatReference(node: String, op: String)

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
        case .invalidOperand(let node, let op, let detail):
            return "node '\(node)' (\(op)): \(detail)"
        case .undefinedGraphOutput(let value):
            return "graph output '\(value)' is produced by nothing"
        case .missingType(let value):
            return "value '\(value)' has no static type"
        case .initializerTypeMismatch(let name, let recorded, let actual):
            return "initializer '\(name)' is recorded as \(recorded) but holds \(actual)"
        case .duplicateNodeName(let name):
            return "node name '\(name)' is used more than once"
        case .arityMismatch(let node, let op, let operands, let allowed, let found):
            return "node '\(node)' (\(op)) takes \(Self.spelled(allowed)) \(operands), has \(found)"
        case .missingOperand(let node, let op, let operands, let index):
            return "node '\(node)' (\(op)): required \(operands) #\(index) is empty"
        case .invalidAttribute(let node, let op, let detail):
            return "node '\(node)' (\(op)): \(detail)"
        case .parseError(let line, let detail):
            return "IR text, line \(line): \(detail)"
        case .unsupportedQDQ(let node, let op, let detail):
            return "node '\(node)' (\(op)): the pre-quantized (QDQ) model cannot be compiled with its own scales: \(detail)"
        case .needsFloatReference(let node, let op):
            return "node '\(node)' (\(op)): a matrix product needs the float reference (the Reference module's evaluator)"
        }
    }

    /// `2`, `2 to 3` or `at least 1`.
    private static func spelled(_ range: ClosedRange<Int>) -> String {
        if range.lowerBound == range.upperBound { return "\(range.lowerBound)" }
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "\(range.lowerBound) to \(range.upperBound)"
    }
}
