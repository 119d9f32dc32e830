/// A transformation of the graph IR. Each pass lives in its own file, holds no global state and
/// returns a new graph; the pipeline re-runs shape inference and (in tests) the verifier after it.
public protocol GraphPass: Sendable {
    /// Stage name used by `--dump-ir=STAGE` and `--stop-after STAGE` (kebab-case).
    var name: String { get }
    /// Applies the pass. The input graph is verified and fully typed.
    func run(_ graph: Graph) throws -> Graph
}
