/// One value of the scheduled program IR that a backend stage decides: undecided until that stage
/// runs, then fixed. Reading it earlier throws `BackendError.undecided` naming the layer, what is
/// missing and the stage that decides it; deciding it twice is a programming error.
public struct Decision<Value: Hashable & Sendable>: Hashable, Sendable {
    /// What is decided, for messages (`the tiling`).
    public let subject: String
    /// The layer it belongs to, or `nil` for the whole program.
    public let layer: String?
    /// The stage that decides it.
    public let stage: BackendStage
    private var decided: Value?

    init(_ subject: String, of layer: String?, by stage: BackendStage) {
        self.subject = subject
        self.layer = layer
        self.stage = stage
    }

    /// Whether `stage` has decided it.
    public var isDecided: Bool { decided != nil }

    /// The decided value; throws `BackendError.undecided` before `stage` decided it.
    public var value: Value {
        get throws {
            guard let decided else { throw BackendError.undecided(subject: subject, layer: layer, stage: stage.rawValue) }
            return decided
        }
    }

    /// The value when decided, `nil` before (for the printer and the verifier, which show and
    /// check what has been decided so far).
    var ifDecided: Value? { decided }

    /// Fixes the value; `stage` calls this exactly once.
    mutating func decide(_ value: Value) {
        precondition(decided == nil, "\(layer.map { "layer '\($0)': " } ?? "")\(subject) is decided twice (stage \(stage.rawValue))")
        decided = value
    }
}
