import ArgumentParser
import Cosimulation
import Foundation

/// `vggc cosim MODEL.bin IMAGE`: runs the model on the RTL under Verilator and on the accelerator
/// model, and compares their bytes and per-layer cycles.
struct CosimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosim",
        abstract: "Co-simulate a compiled model (.bin) on the reference RTL (Verilator) against the accelerator model.",
        discussion: """
            Builds the RTL of the model's target with Verilator (cached by content under --cache), runs the image \
            on it and on the Swift accelerator model, and compares the outputs, every layer's output bytes (in DRAM, \
            or on chip from a copy of its buffer region taken when the layer's last compute instruction ends) and \
            each layer's cycles. Exit status 0 \
            only when the bytes are identical; otherwise one error line names the first differing layer and byte.
            """
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Argument(help: "An image file.")
    var image: String

    @Option(help: ArgumentHelp("Where built simulators are kept (default ~/.cache/vggc/cosim).", valueName: "dir"))
    var cache: String?

    @Option(help: ArgumentHelp("Keep the simulator's DRAM images and trace (dram.bin, final.bin, trace.txt) in this directory.",
                               valueName: "dir"))
    var work: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let cacheURL = cache.map { URL(fileURLWithPath: $0) } ?? SimulatorBuild.defaultCache
        let report = try reportingErrors {
            try Cosimulation.run(modelAt: URL(fileURLWithPath: model), imageAt: URL(fileURLWithPath: image), cache: cacheURL,
                                 workDirectory: work.map { URL(fileURLWithPath: $0) }) {
                FileHandle.standardError.write(Data("\($0)\n".utf8))
            }
        }
        print(json ? try renderJSON(report) : Self.renderText(report))
        if let difference = report.firstDifference {
            Console.error(difference)
            throw ExitStatus.failure
        }
    }

    /// The per-layer cycle table and the verdict.
    private static func renderText(_ report: CosimulationReport) -> String {
        let width = max(6, (report.layers.map(\.name.count).max() ?? 0) + 1)
        var lines = [TableColumn.pad("layer", width) + TableColumn.pad("model cycles", 14, left: true)
                     + TableColumn.pad("RTL cycles", 12, left: true) + TableColumn.pad("RTL/model", 11, left: true)]
        for layer in report.layers {
            let ratio = layer.modelCycles > 0 ? String(format: "%.3f", Double(layer.rtlCycles) / Double(layer.modelCycles)) : "-"
            lines.append(TableColumn.pad(layer.name, width) + TableColumn.pad(String(layer.modelCycles), 14, left: true)
                         + TableColumn.pad(String(layer.rtlCycles), 12, left: true) + TableColumn.pad(ratio, 11, left: true))
        }
        lines.append("total: model \(report.modelCycles) cycles, RTL \(report.rtlCycles) cycles")
        lines.append("compared \(report.comparedLayers.count) layers' outputs (\(report.onChipLayers.count) of them on chip) and the "
                     + "outputs; \(report.uncomparedLayers.count) layers have no output of their own or are overwritten")
        lines.append(report.identical ? "identical" : "different")
        lines.append(String(format: "simulation: %.2f s, %.0f cycles/s; build: %@", report.simulationSeconds, report.cyclesPerSecond,
                            report.cachedBuild ? "cached" : String(format: "%.0f s", report.buildSeconds)))
        return lines.joined(separator: "\n")
    }
}
