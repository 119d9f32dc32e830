/// One named stage of a compiler pipeline and why it stands where it does: what `--dump-ir=STAGE`
/// and `--stop-after STAGE` name, and what a driver lists to explain the order.
public struct PipelineStage: Hashable, Sendable {
    /// The stage name (kebab-case).
    public var name: String
    /// Why the stage runs, and why at this point of the pipeline.
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
