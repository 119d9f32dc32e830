/// A pass of a pipeline (a graph pass, a backend pass) and the reason for its place there.
public struct PipelineStep<Pass: Sendable>: Sendable {
    public let pass: Pass
    /// Why the pass runs, and why at this point of the pipeline.
    public let reason: String

    public init(_ pass: Pass, reason: String) {
        self.pass = pass
        self.reason = reason
    }
}
