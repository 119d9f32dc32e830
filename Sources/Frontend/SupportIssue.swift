/// One reason why vggc cannot compile a model.
public struct SupportIssue: Hashable, Sendable, Codable {
    /// The node's name; for problems outside any node, the graph input or initializer it concerns,
    /// or empty for the model as a whole.
    public var node: String
    /// The node's ONNX operator type (`Conv`, `ai.onnx.ml:TreeEnsemble`, …); `<graph input>`,
    /// `<initializer>` or `<model>` for problems outside any node.
    public var opType: String
    /// What is unsupported, in words.
    public var reason: String

    public init(node: String, opType: String, reason: String) {
        self.node = node
        self.opType = opType
        self.reason = reason
    }
}
