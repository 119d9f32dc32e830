import Foundation
import VGGCKit

extension HardwareFigures {
    /// The figures as aligned text lines.
    func renderText() -> [String] {
        let clock = String(format: "%g MHz", clockMHz)
        return [
            "cycles          \(cycles) (\(Self.duration(microseconds: latencyMicroseconds)) at \(clock) on \(target))",
            "MACs            \(macs)",
            String(format: "PE utilisation  %.2f%% of %d MACs/cycle", peUtilisation * 100, macsPerCycle),
            "DRAM            \(dramBytesRead) bytes read, \(dramBytesWritten) bytes written "
                + "(compulsory \(compulsoryBytes), reuse-limited bound \(reuseBoundBytes))",
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
