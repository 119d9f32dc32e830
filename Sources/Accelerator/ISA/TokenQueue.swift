/// The four dependency-token queues between neighbouring units (docs/ISA.md, "Dependency tokens").
public enum TokenQueue: Int, Hashable, Sendable, CaseIterable {
    case loadToCompute = 0
    case computeToLoad = 1
    case computeToStore = 2
    case storeToCompute = 3

    /// The queue from `source` to `destination`, if they are neighbours.
    public init?(from source: ExecutionUnit, to destination: ExecutionUnit) {
        switch (source, destination) {
        case (.load, .compute): self = .loadToCompute
        case (.compute, .load): self = .computeToLoad
        case (.compute, .store): self = .computeToStore
        case (.store, .compute): self = .storeToCompute
        case (.load, .load), (.load, .store), (.compute, .compute), (.store, .load), (.store, .store): return nil
        }
    }

    /// The unit that pushes into this queue.
    public var source: ExecutionUnit {
        switch self {
        case .loadToCompute: return .load
        case .computeToLoad, .computeToStore: return .compute
        case .storeToCompute: return .store
        }
    }

    /// Short name for messages and traces: `load→compute`.
    public var name: String {
        switch self {
        case .loadToCompute: return "load→compute"
        case .computeToLoad: return "compute→load"
        case .computeToStore: return "compute→store"
        case .storeToCompute: return "store→compute"
        }
    }
}
