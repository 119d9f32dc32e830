/// The configs no other config beats in every objective (latency, energy, DSP, block RAM). Configs
/// with the same four figures (buffer sizes the block-RAM count rounds alike) are one point, the
/// config with the fewest SRAM bytes, then the first name, standing for them. The set does not
/// depend on the order points arrive in; `points` lists it sorted.
public struct ParetoFront: Hashable, Sendable {
    private var members: [DesignPoint] = []

    public init() {}

    /// Adds `point` unless a member dominates it or stands for its figures, and drops the members
    /// it dominates or stands for instead.
    public mutating func insert(_ point: DesignPoint) {
        guard !members.contains(where: { $0.dominates(point) || ($0.sameFigures(as: point) && $0.represents(point)) }) else { return }
        members.removeAll { point.dominates($0) || point.sameFigures(as: $0) }
        members.append(point)
    }

    /// Whether some member would dominate any config whose latency, energy, DSP and block RAM are
    /// at least `bound`'s: such a config is not on the front, so it need not be compiled.
    func dominatesEverything(above bound: (latencyUs: Double, energyUJ: Double, dsp: Int, bram36: Int)) -> Bool {
        members.contains { DesignPoint.dominates(($0.latencyUs, $0.energyUJ, $0.dsp, $0.bram36), bound) }
    }

    /// The members, by latency, energy, DSP, block RAM and config name.
    public var points: [DesignPoint] { members.sorted(by: DesignPoint.precedes) }
}
