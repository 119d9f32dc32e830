/// The three in-order units the fetch stage dispatches to, in chain order.
public enum ExecutionUnit: Int, Hashable, Sendable, Codable, CaseIterable, FieldRepresentable {
    case load = 0
    case compute = 1
    case store = 2

    /// The unit before this one in the chain, if any.
    public var previous: ExecutionUnit? { ExecutionUnit(rawValue: rawValue - 1) }
    /// The unit after this one in the chain, if any.
    public var next: ExecutionUnit? { ExecutionUnit(rawValue: rawValue + 1) }

    /// Lower-case name, as traces and the disassembler show it.
    public var name: String {
        switch self {
        case .load: return "load"
        case .compute: return "compute"
        case .store: return "store"
        }
    }
}
