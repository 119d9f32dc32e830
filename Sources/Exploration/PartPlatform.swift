import Accelerator
import Resources

/// The board around an FPGA part, as far as exploration needs it: the clock the fabric typically
/// closes at, the DRAM the processing system offers and the AXI ports the accelerator may use, and
/// the preset whose instruction costs, DRAM latency, energy figures and arithmetic a swept config
/// takes. Figures from the boards' manuals (ZC706 UG954, ZCU102 UG1182, PYNQ-Z1, DE1-SoC); which
/// ports a design uses is what the sweep chooses.
public struct PartPlatform: Hashable, Sendable {
    /// The part (`FPGAPart.name`).
    public var part: String
    /// The fabric clock a design of this size typically closes at (`--clock` overrides it).
    public var typicalClockMHz: Double
    /// Peak bandwidth of the processing system's DRAM, in GB/s.
    public var dramPeakGBps: Double
    /// Data bits of one AXI port from the fabric to DRAM.
    public var portBits: Int
    /// How many such ports a config may use (the sweep's DRAM choices).
    public var portCounts: [Int]
    /// The preset whose costs, DRAM latency (in nanoseconds, so scaled to the clock), energy and
    /// features swept configs take.
    public var baseline: String

    public init(part: String, typicalClockMHz: Double, dramPeakGBps: Double, portBits: Int, portCounts: [Int], baseline: String) {
        self.part = part
        self.typicalClockMHz = typicalClockMHz
        self.dramPeakGBps = dramPeakGBps
        self.portBits = portBits
        self.portCounts = portCounts
        self.baseline = baseline
    }

    /// The boards vggc knows, one per part of `FPGAPart.catalogue`.
    public static let catalogue: [PartPlatform] = [
        // PYNQ-Z1: 16-bit DDR3-1050 = 2.1 GB/s; four 64-bit HP ports. VTA's board.
        PartPlatform(part: "xc7z020", typicalClockMHz: 100, dramPeakGBps: 2.1, portBits: 64, portCounts: [1, 2, 4], baseline: "vta"),
        // ZC706: 32-bit DDR3-1066 = 4.2 GB/s; four 64-bit HP ports. Qiu et al.'s board.
        PartPlatform(part: "xc7z045", typicalClockMHz: 150, dramPeakGBps: 4.2, portBits: 64, portCounts: [1, 2, 4], baseline: "zc706"),
        // ZCU102: 64-bit DDR4-2400 = 19.2 GB/s; six 128-bit HP/HPC ports.
        PartPlatform(part: "xczu9eg", typicalClockMHz: 200, dramPeakGBps: 19.2, portBits: 128, portCounts: [1, 2, 4, 6], baseline: "zcu102"),
        // DE1-SoC: 32-bit DDR3-800 = 3.2 GB/s; the FPGA-to-SDRAM bridge's 64-bit ports.
        PartPlatform(part: "5csema5", typicalClockMHz: 100, dramPeakGBps: 3.2, portBits: 64, portCounts: [1, 2, 4], baseline: "de1soc"),
    ]

    /// The board of `part`. Throws `ExplorationError.noPlatform`.
    public static func platform(for part: FPGAPart) throws -> PartPlatform {
        guard let platform = catalogue.first(where: { $0.part == part.name }) else {
            throw ExplorationError.noPlatform(part: part.name, known: catalogue.map(\.part))
        }
        return platform
    }

    /// The baseline preset.
    public var baselineConfig: HardwareConfig {
        guard let preset = HardwareConfig.preset(named: baseline) else {
            preconditionFailure("platform \(part) names preset '\(baseline)', which vggc does not ship")
        }
        return preset
    }

    /// The DRAM interfaces a config may have at `clockMHz`: `n` ports deliver `n × portBits / 8`
    /// bytes per cycle, at most the DRAM's peak; the baseline's latency, scaled to the clock.
    /// Port counts that the peak already caps at a smaller count's bandwidth are left out. The bus
    /// width stays one port's, as in the presets (it is the word of the memory images).
    public func dramChoices(clockMHz: Double) -> [DRAMInterface] {
        let base = baselineConfig
        let peak = (dramPeakGBps * 1000 / clockMHz * 100).rounded(.down) / 100
        let latency = Int((Double(base.dram.latencyCycles) * clockMHz / base.clockMHz).rounded(.up))
        var choices: [DRAMInterface] = []
        for ports in portCounts {
            let bytes = min(Double(ports * portBits / 8), peak)
            guard choices.last.map({ $0.bytesPerCycle < bytes }) ?? true else { break }
            choices.append(DRAMInterface(bytesPerCycle: bytes, latencyCycles: latency, busWidthBits: portBits))
        }
        return choices
    }
}
