import ArgumentParser
import Accelerator
import Foundation
import Resources

/// `vggc resources --target T [--part P] [--json]`: the FPGA resources a config's reference RTL needs.
struct ResourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources",
        abstract: "Estimate the DSP blocks, block RAMs, LUTs and flip-flops a config's reference RTL needs on an FPGA part.",
        discussion: """
            The estimate is ResourceModel's (Sources/Resources): DSPs and logic fitted to Yosys synth_xilinx runs of \
            the reference RTL (docs/BENCHMARKS.md, "RTL"), block RAMs counted from the buffers' sizes and the bytes \
            their lanes read per cycle. Counts are in the part's own primitives: BRAM36 on Xilinx parts, M10K on the \
            Cyclone V (still under the key bram36). Without --part, every known part: \(FPGAPart.catalogue.map(\.name).joined(separator: ", ")).
            """
    )

    @Option(help: "A preset name or a JSON config file.")
    var target: String

    @Option(help: "An FPGA part (xc7z020, xc7z045, xczu9eg, 5csema5); every known part when omitted.")
    var part: String?

    @Flag(help: "Print JSON: one object (dsp, bram36, lut, ff, fits, capacity, …) with --part, else an array of them.")
    var json = false

    func run() throws {
        let config = try reportingErrors { try HardwareConfig.load(target: target) }
        let reports = try reportingErrors {
            try part.map { [ResourceReport(config: config, part: try FPGAPart.named($0))] } ?? ResourceReport.catalogue(config)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = part == nil ? try encoder.encode(reports) : try encoder.encode(reports[0])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(Self.table(reports, config: config))
        }
    }

    /// One block per part: the part, then each resource needed / available with its share.
    static func table(_ reports: [ResourceReport], config: HardwareConfig) -> String {
        let array = config.array
        var lines = ["\(config.name): Po \(array.po) × Pi \(array.pi) × Pk \(array.pk) × Pp \(array.pp), "
                     + "\(config.totalSRAMBytes / 1024) KiB SRAM, \(config.arithmetic.rawValue)"]
        for report in reports {
            lines.append("")
            lines.append("\(report.part) (\(report.device)): \(report.fits ? "fits" : "does not fit")")
            for row in report.rows {
                let name = row.resource == "dsp" ? report.dspKind : row.resource == "bram36" ? report.memoryBlock.uppercased() : row.resource.uppercased()
                let share = row.available > 0 ? String(format: "%.1f%%", 100 * Double(row.needed) / Double(row.available)) : "-"
                lines.append("  " + TableColumn.pad(name, 24) + TableColumn.pad(String(row.needed), 10, left: true) + " of"
                             + TableColumn.pad(String(row.available), 10, left: true) + TableColumn.pad(share, 9, left: true)
                             + (row.needed > row.available ? "  over" : ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
