/// The int8 MAC array: `Po × Pi × Pk × Pp` multiply-accumulates per cycle.
public struct PEArray: Codable, Hashable, Sendable {
    /// Output channels computed in parallel.
    public var po: Int
    /// Input channels reduced in parallel.
    public var pi: Int
    /// Kernel-window positions reduced in parallel (9 for a 3×3 window unit).
    public var pk: Int
    /// Output pixels computed in parallel.
    public var pp: Int

    public init(po: Int, pi: Int, pk: Int, pp: Int) {
        self.po = po
        self.pi = pi
        self.pk = pk
        self.pp = pp
    }

    /// MACs per cycle when every PE is busy.
    public var macsPerCycle: Int { po * pi * pk * pp }

    package enum CodingKeys: String, CodingKey {
        case po = "Po", pi = "Pi", pk = "Pk", pp = "Pp"
    }
}
