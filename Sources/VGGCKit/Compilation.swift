import Accelerator
import Backend

/// What `Compiler.compile` returns: the stages it ran, an outline of the last float graph, the
/// scheduled program when the backend ran, and the compiled model when every stage ran.
public struct Compilation: Hashable, Sendable {
    /// The stages in the order they ran.
    public var stages: [StageSummary]
    /// The float graph after the last graph stage that ran.
    public var graph: GraphOutline
    /// The program after the last backend stage that ran; `nil` when the compile stopped before
    /// the backend.
    public var scheduled: ScheduledProgram?
    /// The model to write or run; `nil` when the compile stopped before the last stage.
    public var model: CompiledModel?
}
