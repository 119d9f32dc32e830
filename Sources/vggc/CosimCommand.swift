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
            on it and on the Swift accelerator model, and compares the outputs and every layer's DRAM output bytes \
            (layers whose output stays on chip are listed, not compared) and each layer's cycles. Exit status 0 \
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
        let width = max(5, report.layers.map(\.name.count).max() ?? 0)
        var lines = ["\("layer".padding(toLength: width, withPad: " ", startingAt: 0))  model cycles  RTL cycles  RTL/model"]
        for layer in report.layers {
            let ratio = layer.modelCycles > 0 ? String(format: "%.3f", Double(layer.rtlCycles) / Double(layer.modelCycles)) : "-"
            lines.append("\(layer.name.padding(toLength: width, withPad: " ", startingAt: 0))  "
                         + "\(String(layer.modelCycles).leftPadded(12))  \(String(layer.rtlCycles).leftPadded(10))  \(ratio.leftPadded(9))")
        }
        lines.append("total: model \(report.modelCycles) cycles, RTL \(report.rtlCycles) cycles")
        lines.append("compared \(report.comparedLayers.count) layers' DRAM outputs and the outputs; "
                     + "\(report.uncomparedLayers.count) layers stay on chip or are overwritten")
        lines.append(report.identical ? "identical" : "different")
        lines.append(String(format: "simulation: %.2f s, %.0f cycles/s; build: %@", report.simulationSeconds, report.cyclesPerSecond,
                            report.cachedBuild ? "cached" : String(format: "%.0f s", report.buildSeconds)))
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
