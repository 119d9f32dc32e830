/// Everything in a model that vggc cannot compile, found in one pass before any other work.
/// An empty report means the model imports. Issues appear in model order: model-level problems,
/// then graph inputs, initializers and nodes in topological order.
public struct SupportReport: Hashable, Sendable, Codable {
    /// The problems, in model order.
    public var issues: [SupportIssue]

    public init(issues: [SupportIssue] = []) {
        self.issues = issues
    }

    /// True when the model has no unsupported feature.
    public var isSupported: Bool { issues.isEmpty }
}
