/// One step of the backend pipeline: reads and extends the scheduled program IR. Passes hold no
/// state of their own.
public protocol BackendPass: Sendable {
    /// The stage name `--dump-ir=STAGE` and `--stop-after` use.
    var name: String { get }
    func run(_ program: inout ScheduledProgram) throws
}
