import Foundation
import Runtime
import Accelerator

/// What one image costs on the modeled accelerator: cycles and latency at the config's clock, MACs,
/// PE utilisation, DRAM traffic, energy and the images per second one after another.
struct HardwareFigures: Encodable, Hashable, Sendable {
    var target: String
    var clockMHz: Double
    var cycles: Int
    var latencyMicroseconds: Double
    var macs: Int
    var macsPerCycle: Int
    /// `macs / (cycles × macsPerCycle)`.
    var peUtilisation: Double
    var dramBytesRead: Int
    var dramBytesWritten: Int
    var energy: LayerStatistics.Energy
    /// `clock / cycles`: images run back to back, one at a time.
    var imagesPerSecond: Double

    enum CodingKeys: String, CodingKey {
        case target, cycles, macs, energy = "energy_uj"
        case clockMHz = "clock_mhz"
        case latencyMicroseconds = "latency_us"
        case macsPerCycle = "macs_per_cycle"
        case peUtilisation = "pe_utilisation"
        case dramBytesRead = "dram_bytes_read"
        case dramBytesWritten = "dram_bytes_written"
        case imagesPerSecond = "images_per_second"
    }

    /// The figures of the whole run in `statistics`, on `config`.
    init(statistics: LayerStatistics, config: HardwareConfig) {
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
        energy = total.energy
        imagesPerSecond = total.cycles > 0 ? config.clockMHz * 1e6 / Double(total.cycles) : 0
    }

    /// The figures as aligned text lines.
    func renderText() -> [String] {
        let clock = String(format: "%g MHz", clockMHz)
        return [
            "cycles          \(cycles) (\(Self.duration(microseconds: latencyMicroseconds)) at \(clock) on \(target))",
            "MACs            \(macs)",
            String(format: "PE utilisation  %.2f%% of %d MACs/cycle", peUtilisation * 100, macsPerCycle),
            "DRAM            \(dramBytesRead) bytes read, \(dramBytesWritten) bytes written",
            String(format: "energy          %.3f µJ (MAC %.3f, SRAM %.3f, DRAM %.3f, static %.3f)",
                   energy.total, energy.mac, energy.sram, energy.dram, energy.static),
            String(format: "throughput      %.1f images/s", imagesPerSecond) + " at \(clock), one after another",
        ]
    }

    /// `microseconds` in µs below a millisecond, else in ms.
    static func duration(microseconds: Double) -> String {
        microseconds < 1000 ? String(format: "%.2f µs", microseconds) : String(format: "%.3f ms", microseconds / 1000)
    }
}
