import ArgumentParser
import Backend
import Foundation
import IR
import Runtime
import Accelerator
import Calibration
import Quantization

/// `vggc compile MODEL`: imports the model, runs the graph pipeline, calibrates and quantizes it,
/// and writes the compiled model.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile an ONNX model to an int8 program.",
        discussion: """
            Stages: \(CompileCommand.stageNames.joined(separator: ", ")). The IR is verified after every \
            stage; `--dump-ir` prints it after each stage, `--dump-ir=STAGE` after one (the backend \
            stages print the scheduled program: tiles, SRAM slots, on-chip values, modeled cycles, \
            instructions). Calibration \
            uses the images of --calib DIR (preprocessed as the flags below say, and stored with the \
            model); without it, vggc calibrates data-free from BatchNorm statistics and synthetic inputs.
            """
    )

    /// The graph pipeline's stages, quantization, then the backend's.
    static let stageNames = PassPipeline.standard.stageNames + [quantizeStage] + BackendPipeline.standard.stageNames
    static let quantizeStage = "quantize"

    @Argument(help: "The model: .onnx (protobuf, optionally with external data) or ONNX JSON.")
    var model: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the compiled model (.bin).", valueName: "file"))
    var output: String?

    @Option(name: .customLong("dump-ir"), help: ArgumentHelp(
        "Print the IR after every stage (bare --dump-ir) or after one (--dump-ir=STAGE).",
        valueName: "stage"))
    var dumpIR: String?

    @Option(help: ArgumentHelp("Stop after this stage.", valueName: "stage"))
    var stopAfter: String?

    @Flag(help: "Print a JSON summary: node counts per stage, the final graph's layers and the program's per-layer table.")
    var json = false

    @Option(help: ArgumentHelp("The accelerator: a preset (\(HardwareConfig.presets.map(\.name).joined(separator: ", "))) or a hardware config JSON file.", valueName: "preset|file.json"))
    var target = "zc706"

    @Option(name: .customLong("emit-mem"), help: ArgumentHelp("Write the DRAM regions and the instruction stream as $readmemh hex, .coe and .mif files, with a manifest, into this directory.", valueName: "dir"))
    var emitMem: String?

    @OptionGroup(title: "Calibration and quantization")
    var quantization: QuantizationFlags

    @OptionGroup(title: "Preprocessing (stored with the model)")
    var preprocessingFlags: PreprocessingOptions

    func validate() throws {
        if let dumpIR, !(["all"] + Self.stageNames).contains(dumpIR) {
            throw ValidationError("unknown stage '\(dumpIR)' for --dump-ir; stages are: \((["all"] + Self.stageNames).joined(separator: ", "))")
        }
        if let stopAfter, !Self.stageNames.contains(stopAfter) {
            throw ValidationError("unknown stage '\(stopAfter)' for --stop-after; stages are: \(Self.stageNames.joined(separator: ", "))")
        }
        if json && dumpIR != nil {
            throw ValidationError("--json and --dump-ir both write to standard output; choose one")
        }
        if output != nil || emitMem != nil, let stopAfter, stopAfter != Self.stageNames.last {
            throw ValidationError("-o and --emit-mem need every stage; --stop-after \(stopAfter) ends before the last")
        }
    }

    func run() throws {
        let config = try reportingErrors { try HardwareConfig.load(target: target) }
        var (summary, quantized) = try frontEnd(arithmetic: config.arithmetic)
        if let quantized, runsStage(BackendPipeline.standard.stageNames[0]) {
            let scheduled = try schedule(quantized.graph, config: config)
            for stage in BackendPipeline.standard.stageNames where runsStage(stage) {
                summary.stages.append(CompileSummary.Stage(name: stage, nodes: scheduled.layers.count))
            }
            if scheduled.isComplete {
                summary.program = try reportingErrors {
                    CompileSummary.Program(target: config.name, totalCycles: try scheduled.totalCycles.value,
                                           instructions: try scheduled.instructions.value.count, layers: try scheduled.program.layers)
                }
            }
            try emit(quantized, scheduled: scheduled)
        }
        Console.endProgress()
        if json {
            print(try renderJSON(summary))
        } else if dumpIR == nil && output == nil && emitMem == nil {
            Console.note("\(model): \(summary.layers.count) nodes after the graph pipeline; -o FILE.bin writes the compiled model, --dump-ir shows the IR")
        }
    }

    /// What the float stages hand to the backend; the float graphs themselves are released before
    /// the backend runs, which keeps peak memory near the model's size.
    private struct QuantizedModel {
        var graph: QuantizedGraph
        var calibration: String
        var preprocessing: Preprocessing
        var metadata: ModelMetadata
    }

    /// Import, the graph pipeline and quantization (as far as `--stop-after` allows).
    private func frontEnd(arithmetic: ArithmeticMode) throws -> (CompileSummary, QuantizedModel?) {
        Console.progress("importing \(model)")
        let imported = try loadSupportedGraph(path: model)
        var stages: [CompileSummary.Stage] = []
        let canonical = try reportingErrors {
            try PassPipeline.standard.run(imported, verify: true, stopAfter: graphStopStage) { stage, graph in
                Console.progress("stage \(stage)")
                stages.append(CompileSummary.Stage(name: stage, nodes: graph.nodes.count))
                dump(stage) { IRPrinter.print(graph) }
            }
        }
        var quantized: QuantizedModel?
        if runsStage(Self.quantizeStage) {
            let preprocessing = try preprocessing(for: canonical)
            let (graph, calibration) = try quantize(canonical, imported: imported, preprocessing: preprocessing, arithmetic: arithmetic)
            stages.append(CompileSummary.Stage(name: Self.quantizeStage, nodes: graph.layers.count))
            dump(Self.quantizeStage) { QuantizedGraphPrinter.print(graph) }
            quantized = QuantizedModel(graph: graph, calibration: calibration, preprocessing: preprocessing,
                                       metadata: try metadata(canonical, preprocessing: preprocessing, calibration: calibration))
        }
        return (CompileSummary(model: model, stages: stages, graph: canonical), quantized)
    }

    private func metadata(_ canonical: Graph, preprocessing: Preprocessing, calibration: String) throws -> ModelMetadata {
        let input = canonical.inputs[0]
        return ModelMetadata(
            name: URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent, source: model,
            producer: "vggc \(VGGC.configuration.version)", inputName: input.name, inputShape: input.type.shape.dims,
            outputNames: canonical.outputs, preprocessing: preprocessing, labels: try quantization.classLabels(),
            calibration: calibration)
    }

    /// Whether `stage` runs: every stage up to `--stop-after`.
    private func runsStage(_ stage: String) -> Bool {
        guard let stopAfter, let stop = Self.stageNames.firstIndex(of: stopAfter),
              let index = Self.stageNames.firstIndex(of: stage) else { return true }
        return index <= stop
    }

    /// Runs the backend pipeline on the quantized graph.
    private func schedule(_ graph: QuantizedGraph, config: HardwareConfig) throws -> ScheduledProgram {
        let backendStop = stopAfter.flatMap { BackendPipeline.standard.stageNames.contains($0) ? $0 : nil }
        return try reportingErrors {
            try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: true,
                                             stopAfter: backendStop) { stage, program in
                Console.progress("stage \(stage)")
                dump(stage) { ScheduledProgramPrinter.print(program) }
            }
        }
    }

    /// Writes the `.bin` and the memory images the flags ask for.
    private func emit(_ quantized: QuantizedModel, scheduled: ScheduledProgram) throws {
        guard output != nil || emitMem != nil else { return }
        let compiled = CompiledModel(metadata: quantized.metadata, graph: quantized.graph, config: scheduled.config,
                                     program: try reportingErrors { try scheduled.program })
        if let output {
            Console.progress("writing \(output)")
            try reportingErrors { try compiled.write(to: URL(fileURLWithPath: output)) }
            Console.endProgress()
            let cycles = try reportingErrors { try scheduled.totalCycles.value }
            Console.note("wrote \(output) for \(scheduled.config.name): \(compiled.program.instructions.count) instructions, \(cycles) modeled cycles")
        }
        if let emitMem {
            Console.progress("writing memory images to \(emitMem)")
            let manifest = try reportingErrors {
                try MemoryImageWriter.write(MemoryImages.images(of: compiled.program), wordBits: scheduled.config.dram.busWidthBits,
                                            to: URL(fileURLWithPath: emitMem))
            }
            Console.endProgress()
            Console.note("wrote \(manifest.entries.count) memory images to \(emitMem)")
        }
    }

    /// The last graph-pipeline stage to run: all of them unless --stop-after names one of them.
    private var graphStopStage: String? {
        stopAfter.flatMap { PassPipeline.standard.stageNames.contains($0) ? $0 : nil }
    }

    private func dump(_ stage: String, _ text: () -> String) {
        guard dumpIR == "all" || dumpIR == stage else { return }
        Console.endProgress()
        print("// ---- IR after stage '\(stage)' ----")
        let body = text()
        print(body, terminator: body.hasSuffix("\n") ? "" : "\n")
    }

    private func quantize(_ graph: Graph, imported: Graph, preprocessing: Preprocessing,
                          arithmetic: ArithmeticMode) throws -> (QuantizedGraph, String) {
        let options = quantization.options(targetArithmetic: arithmetic)
        if QDQQuantizer.isQuantized(imported) {
            if quantization.calib != nil {
                Console.note("\(model) is already quantized (QuantizeLinear/DequantizeLinear): using its scales, --calib is ignored")
            }
            Console.progress("quantizing with the model's own scales")
            let quantized = try reportingErrors { try QDQQuantizer.quantize(imported: imported, options: options) }
            return (quantized, "pre-quantized (the model's QDQ scales and zero points)")
        }
        let calibration = try calibrationRanges(graph, imported: imported, preprocessing: preprocessing)
        Console.progress("quantizing")
        let quantized = try reportingErrors {
            try Quantizer.quantize(graph, ranges: calibration.ranges, options: options)
        }
        return (quantized, calibration.description)
    }

    private func preprocessing(for graph: Graph) throws -> Preprocessing {
        guard graph.inputs.count == 1 else {
            throw ValidationError("quantization needs a model with one input; this one has \(graph.inputs.count) (\(graph.inputs.map(\.name).joined(separator: ", ")))")
        }
        return try preprocessingFlags.preprocessing(for: graph.inputs[0].type, feedsImages: quantization.calib != nil)
    }

    private func calibrationRanges(_ graph: Graph, imported: Graph, preprocessing: Preprocessing) throws -> CalibrationResult {
        guard let calib = quantization.calib else {
            Console.note("no --calib: calibrating data-free (BatchNorm statistics and synthetic inputs); real images calibrate better")
            let ranges = try reportingErrors {
                try DataFreeCalibration.ranges(of: graph, imported: imported, preprocessing: preprocessing)
            }
            return CalibrationResult(ranges: ranges, description: "data-free (BatchNorm statistics, synthetic inputs)")
        }
        return try reportingErrors {
            try CalibrationResult.measure(graph, images: calib, count: quantization.calibCount,
                                          method: quantization.method, preprocessing: preprocessing)
        }
    }
}
