/// What `vggc explore` picks the best config of the Pareto front by.
public enum Objective: String, Hashable, Sendable, CaseIterable, Codable {
    /// The fewest microseconds per inference.
    case latency
    /// The fewest microjoules per inference.
    case energy
    /// The smallest energy-delay product (µJ × µs).
    case edp

    /// The figure of `point` this objective minimises.
    public func value(of point: DesignPoint) -> Double {
        switch self {
        case .latency: return point.latencyUs
        case .energy: return point.energyUJ
        case .edp: return point.energyUJ * point.latencyUs
        }
    }
}
