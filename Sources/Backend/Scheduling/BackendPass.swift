/// One step of the backend pipeline: reads the scheduled program IR and makes the decisions of its
/// stage, each once. Passes hold no state of their own.
public protocol BackendPass: Sendable {
    /// The stage whose decisions it makes.
    var stage: BackendStage { get }
    func run(_ program: inout ScheduledProgram) throws
}

extension BackendPass {
    /// The stage name `--dump-ir=STAGE` and `--stop-after` use.
    public var name: String { stage.rawValue }
}
