import Accelerator

/// One config of the sweep, compiled and timed: its cycles on the pipeline timeline, latency at its
/// clock, energy per inference and the FPGA resources it needs.
public struct DesignPoint: Codable, Hashable, Sendable {
    public var config: HardwareConfig
    /// Modeled cycles of one inference (what `vggc run --stats` reports for it).
    public var cycles: Int
    /// `cycles / clockMHz`.
    public var latencyUs: Double
    /// Energy of one inference (`EnergyReport` of the program's counters).
    public var energyUJ: Double
    /// The convolution layers' throughput in GOP/s, counting 2 operations per MAC as Qiu et al.
    /// (FPGA 2016) do: their MACs over the time until every instruction of the layers up to the
    /// last convolution has ended (pooling between convolutions included); 0 without convolutions.
    public var convGOPS: Double
    /// DSP blocks, block RAMs and LUTs by `ResourceModel` on the part.
    public var dsp: Int
    public var bram36: Int
    public var lut: Int

    public init(config: HardwareConfig, cycles: Int, energyUJ: Double, convGOPS: Double, dsp: Int, bram36: Int, lut: Int) {
        self.config = config
        self.cycles = cycles
        latencyUs = Double(cycles) / config.clockMHz
        self.energyUJ = energyUJ
        self.convGOPS = convGOPS
        self.dsp = dsp
        self.bram36 = bram36
        self.lut = lut
    }

    /// Whether this point is at least as good as `other` in latency, energy, DSP and block RAM, and
    /// better in one.
    public func dominates(_ other: DesignPoint) -> Bool {
        Self.dominates((latencyUs, energyUJ, dsp, bram36), (other.latencyUs, other.energyUJ, other.dsp, other.bram36))
    }

    /// Whether objectives `a` (latency, energy, DSP, block RAM) are at least as good as `b`'s in all
    /// four and better in one.
    static func dominates(_ a: (Double, Double, Int, Int), _ b: (Double, Double, Int, Int)) -> Bool {
        a.0 <= b.0 && a.1 <= b.1 && a.2 <= b.2 && a.3 <= b.3 && (a.0 < b.0 || a.1 < b.1 || a.2 < b.2 || a.3 < b.3)
    }

    /// Whether `other` has the same latency, energy, DSP and block RAM.
    func sameFigures(as other: DesignPoint) -> Bool {
        (latencyUs, energyUJ, dsp, bram36) == (other.latencyUs, other.energyUJ, other.dsp, other.bram36)
    }

    /// Whether this point stands for `other` among points of the same figures: fewer SRAM bytes,
    /// then the first name.
    func represents(_ other: DesignPoint) -> Bool {
        (config.totalSRAMBytes, config.name) < (other.config.totalSRAMBytes, other.config.name)
    }

    /// The order the front is listed in: latency, energy, DSP, block RAM, then config name.
    static func precedes(_ a: DesignPoint, _ b: DesignPoint) -> Bool {
        (a.latencyUs, a.energyUJ, a.dsp, a.bram36, a.config.name) < (b.latencyUs, b.energyUJ, b.dsp, b.bram36, b.config.name)
    }
}
