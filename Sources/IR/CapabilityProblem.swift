import Foundation

/// One reason a model cannot run on the accelerator, found by the capability check: where it was
/// found, the node or layer, its operator and what is wrong.
public struct CapabilityProblem: Hashable, Sendable, Codable {
    /// The step of the compile that refuses the node, in pipeline order.
    public enum Stage: String, Hashable, Sendable, Codable, CaseIterable {
        /// Reading the ONNX file: unsupported operators, attributes and data types.
        case `import`
        /// Shape inference and the graph passes.
        case canonicalize
        /// The quantizer's rules: what has an integer form.
        case quantize
        /// The backend's rules for the target: what the accelerator's instructions and buffers can run.
        case backend
    }

    public var stage: Stage
    /// The node or layer name; empty for a problem of the model as a whole.
    public var node: String
    /// The operator (`Conv`, `Concat`, …); `<model>` for a problem of the model as a whole.
    public var op: String
    /// What is wrong, in words.
    public var reason: String

    public init(stage: Stage, node: String, op: String, reason: String) {
        self.stage = stage
        self.node = node
        self.op = op
        self.reason = reason
    }

    /// The problem `error` states: an operand error's own words (the node and op are already
    /// columns of the problem), any other error's description.
    public init(stage: Stage, node: String, op: String, error: any Error) {
        let reason: String
        if case IRError.invalidOperand(_, _, let detail) = error {
            reason = detail
        } else {
            reason = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
        }
        self.init(stage: stage, node: node, op: op, reason: reason)
    }
}
