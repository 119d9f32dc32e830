import Accelerator
import Runtime

/// What one input costs on the modeled accelerator: cycles and latency at the config's clock, MACs,
/// PE utilisation, DRAM traffic, energy and the images per second one after another.
public struct HardwareFigures: Codable, Hashable, Sendable {
    public var target: String
    public var clockMHz: Double
    public var cycles: Int
    public var latencyMicroseconds: Double
    public var macs: Int
    public var macsPerCycle: Int
    /// `macs / (cycles × macsPerCycle)`.
    public var peUtilisation: Double
    public var dramBytesRead: Int
    public var dramBytesWritten: Int
    /// The bytes the layers cannot avoid moving, and the reuse-limited bound with the config's
    /// on-chip storage (`LayerStatistics.Row`), summed over the layers.
    public var compulsoryBytes: Int
    public var reuseBoundBytes: Int
    public var energy: LayerStatistics.Energy
    /// `clock / cycles`: images run back to back, one at a time.
    public var imagesPerSecond: Double

    enum CodingKeys: String, CodingKey {
        case target, cycles, macs, energy = "energy_uj"
        case clockMHz = "clock_mhz"
        case latencyMicroseconds = "latency_us"
        case macsPerCycle = "macs_per_cycle"
        case peUtilisation = "pe_utilisation"
        case dramBytesRead = "dram_bytes_read"
        case dramBytesWritten = "dram_bytes_written"
        case compulsoryBytes = "compulsory_bytes"
        case reuseBoundBytes = "reuse_bound_bytes"
        case imagesPerSecond = "images_per_second"
    }

    /// The figures of the whole run in `statistics`, on `config`.
    public init(statistics: LayerStatistics, config: HardwareConfig) {
        let total = statistics.total
        target = config.name
        clockMHz = config.clockMHz
        cycles = total.cycles
        latencyMicroseconds = Double(total.cycles) / config.clockMHz
        macs = total.macs
        macsPerCycle = config.array.macsPerCycle
        peUtilisation = total.peUtilisation
        dramBytesRead = total.dramBytesRead
        dramBytesWritten = total.dramBytesWritten
        compulsoryBytes = total.compulsoryBytes
        reuseBoundBytes = total.reuseBoundBytes
        energy = total.energy
        imagesPerSecond = total.cycles > 0 ? config.clockMHz * 1e6 / Double(total.cycles) : 0
    }
}
