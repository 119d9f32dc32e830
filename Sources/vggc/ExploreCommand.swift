import ArgumentParser
import Foundation
import Accelerator
import Exploration
import Resources
import Runtime
import VGGCKit

/// `vggc explore MODEL --part P`: which accelerator to build for a network on an FPGA part.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Sweep accelerator configs for a model on an FPGA part and print the Pareto front.",
        discussion: """
            Sweeps the PE array split (Po, Pi, Pk, Pp), the four buffers' sizes and the DRAM ports the board \
            offers, at one clock; keeps the configs within the part (and --budget) by the resource model; compiles \
            each with the real backend and times it on the pipeline timeline (no images: timing depends on shapes \
            only), skipping configs whose lower bound the front already beats; prints the Pareto front over \
            latency, energy, DSP blocks and block RAMs. An .onnx is quantized once, data-free, in the board's \
            preset arithmetic; a .bin is swept with its own quantized graph and arithmetic. The result does not \
            depend on --jobs. docs/EXPLORE.md describes the sweep and the pruning.
            """
    )

    @Argument(help: "The model: an .onnx, or a compiled .bin.")
    var model: String

    @Option(help: ArgumentHelp("The FPGA part: \(FPGAPart.catalogue.map(\.name).joined(separator: ", ")).", valueName: "part"))
    var part: String

    @Option(help: ArgumentHelp("The clock in MHz (default: the board's typical).", valueName: "mhz"))
    var clock: Double?

    @Option(help: "What the best config minimises: latency, energy or edp (energy × latency).")
    var objective: Objective = .latency

    @Option(help: ArgumentHelp("Resource limits below the part's: dsp=N,bram36=N (either or both).", valueName: "limits"))
    var budget: String?

    @Flag(help: "Print the result as JSON: evaluated, pareto [{config, cycles, latencyUs, energyUJ, convGOPS, dsp, bram36, lut}], best, presets.")
    var json = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the best config as a target JSON for --target.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Write an HTML page with the Pareto plots (latency against DSP, energy against block RAM), the chosen config and the presets marked.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("A JSON sweep to use instead of the standard one: po, pi, pk, pp (sizes), inputBytes, weightBytes, accumulatorBytes, outputBytes (sizes in bytes), smallestArrayShare.", valueName: "file"))
    var space: String?

    @Option(help: ArgumentHelp("Threads (default: the core count); the result does not depend on it.", valueName: "n"))
    var jobs: Int = ParallelWork.coreCount

    @Option(help: ArgumentHelp("""
        Explore only shard I of N: a deterministic part of the sweep, of similar work to the others. \
        `vggc merge` combines the shards' --json outputs into the unsharded result (and takes -o and --html).
        """, valueName: "I/N"))
    var shard: Shard?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        guard shard == nil || (output == nil && html == nil) else {
            throw ValidationError("--shard explores part of the sweep: give -o and --html to `vggc merge` of the shards")
        }
    }

    func run() throws {
        let options = try reportingErrors {
            try ExplorationOptions(part: try Self.part(named: part), clockMHz: clock,
                                   budget: try budget.map(ResourceBudget.init(text:)) ?? ResourceBudget(), objective: objective,
                                   space: try space.map(Self.space(at:)) ?? .standard)
        }
        let url = URL(fileURLWithPath: model)
        let base = options.platform.baselineConfig
        let graph = try reportingErrors { try ExplorationModel.graph(at: url, arithmetic: base.arithmetic, target: base) }
        let explorer = Explorer(graph: graph, model: url.deletingPathExtension().lastPathComponent, options: options)
        var meter = ProgressMeter(task: "explore")
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try reportingErrors {
            try explorer.run(jobs: jobs, shard: shard) { meter.update(done: $0.done, total: $0.total) }
        }
        Console.endProgress()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        Console.note(String(format: "%d configs fit %@: %d compiled, %d pruned by the work bound, in %.1f s (%.0f configs/min, %.0f compiled/min)",
                            result.swept, options.part.name, result.evaluated, result.pruned, seconds,
                            Double(result.swept) / seconds * 60, Double(result.evaluated) / seconds * 60))
        try Self.emit(result, json: json, output: output, html: html)
    }

    /// Prints `result` (JSON or the table) and writes its best config to `output` and its plots to
    /// `html` when given: what `vggc explore` and `vggc merge` of its shards both do.
    static func emit(_ result: ExplorationResult, json: Bool, output: String?, html: String?) throws {
        if let output, let best = result.best {
            try reportingErrors { try write(best.config, to: URL(fileURLWithPath: output)) }
        }
        if let html, let best = result.best {
            try reportingErrors { try write(Data(ExplorationFigures.page(result, best: best).utf8), to: html) }
        }
        print(json ? try TargetsCommand.render(result) : table(result))
    }

    /// The catalogue's part; `ExplorationError.noPlatform` naming the known ones.
    private static func part(named name: String) throws -> FPGAPart {
        guard let part = try? FPGAPart.named(name) else {
            throw ExplorationError.noPlatform(part: name, known: FPGAPart.catalogue.map(\.name))
        }
        return part
    }

    /// The sweep in the JSON file at `path`.
    private static func space(at path: String) throws -> DesignSpace {
        do { return try JSONDecoder().decode(DesignSpace.self, from: try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw AcceleratorError.malformedConfig(path: path, reason: "not a sweep (\(error.localizedDescription))")
        }
    }

    /// Writes `config` as the JSON `--target` reads.
    static func write(_ config: HardwareConfig, to url: URL) throws {
        try write(Data((try TargetsCommand.render(config) + "\n").utf8), to: url.path)
    }

    /// Writes `data` to `path`.
    static func write(_ data: Data, to path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw RuntimeError.io(path: path, reason: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// The front as a table, the best config and the presets.
    static func table(_ result: ExplorationResult) -> String {
        let columns = [("config", 44), ("cycles", 13), ("latency us", 13), ("energy uJ", 12), ("conv GOP/s", 12), ("DSP", 6), ("BRAM36", 8),
                       ("LUT", 8)]
        var lines = ["Pareto front of \(result.model) on \(result.part) at \(result.clockMHz) MHz"
                     + (result.shard.map { " (shard \($0.text))" } ?? "") + ": \(result.pareto.count) of "
                     + "\(result.evaluated) compiled configs (\(result.swept) fit, \(result.pruned) pruned)",
                     columns.map { TableColumn.pad($0.0, $0.1) }.joined()]
        let row = { (point: DesignPoint, mark: String) in
            [mark + point.config.name, "\(point.cycles)", String(format: "%.1f", point.latencyUs), String(format: "%.1f", point.energyUJ),
             String(format: "%.1f", point.convGOPS), "\(point.dsp)", "\(point.bram36)", "\(point.lut)"]
                .enumerated().map { TableColumn.pad($1, columns[$0].1) }.joined()
        }
        lines += result.pareto.map { row($0, $0 == result.best ? "* " : "  ") }
        if let best = result.best { lines.append("* best for \(result.objective.rawValue): \(best.config.name)") }
        if !result.presets.isEmpty {
            lines.append("Presets (sized on \(result.part)):")
            lines += result.presets.map { row($0, "  ") }
        }
        return lines.joined(separator: "\n")
    }
}

extension Objective: ExpressibleByArgument {}
