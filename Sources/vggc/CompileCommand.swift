import ArgumentParser
import Backend
import Foundation
import IR
import Accelerator
import VGGCKit

/// `vggc compile MODEL`: runs `Compiler` (import, the graph passes, calibration and quantization,
/// the backend passes) and writes the compiled model.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile an ONNX model to an int8 program.",
        discussion: """
            Stages: \(Compiler.stageNames.joined(separator: ", ")). The IR is verified after every \
            stage; `--dump-ir` prints it after each stage, `--dump-ir=STAGE` after one (the backend \
            stages print the scheduled program: tiles, SRAM slots, on-chip values, modeled cycles, \
            instructions). Calibration \
            uses the images of --calib DIR (preprocessed as the flags below say, and stored with the \
            model); without it, vggc calibrates data-free from BatchNorm statistics and synthetic inputs.
            """
    )

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

    @Option(name: .customLong("max-activation-bytes"), help: ArgumentHelp(
        "Refuse, before calibrating, a model whose float activations for one image take more bytes than this.",
        valueName: "bytes"))
    var maxActivationBytes = CompileOptions.defaultActivationByteLimit

    @OptionGroup(title: "Calibration and quantization")
    var quantization: QuantizationFlags

    @OptionGroup(title: "Preprocessing (stored with the model)")
    var preprocessingFlags: PreprocessingOptions

    func validate() throws {
        if let dumpIR, dumpIR != "all" {
            try validating { try Compiler.checkStage(dumpIR) }
        }
        if let stopAfter {
            try validating { try Compiler.checkStage(stopAfter) }
        }
        if maxActivationBytes < 1 {
            throw ValidationError("--max-activation-bytes must be at least 1")
        }
        if json && dumpIR != nil {
            throw ValidationError("--json and --dump-ir both write to standard output; choose one")
        }
        if output != nil || emitMem != nil, let stopAfter, stopAfter != Compiler.stageNames.last {
            throw ValidationError("-o and --emit-mem need every stage; --stop-after \(stopAfter) ends before the last")
        }
    }

    func run() throws {
        let config = try reportingErrors { try HardwareConfig.load(target: target) }
        if let output {
            try reportingErrors { try OutputDestination.checkWritable(URL(fileURLWithPath: output)) }
        }
        let options = CompileOptions(
            target: config, calibration: quantization.calibrationSource, arithmetic: quantization.arith,
            weightGranularity: quantization.weightGranularity, preprocessing: preprocessingFlags.choices,
            labels: try reportingErrors { try quantization.classLabels() }, stopAfter: stopAfter,
            activationByteLimit: maxActivationBytes)
        var meter = ProgressMeter(task: "calibrating (\(quantization.method))")
        let compilation = try reportingErrors {
            try Compiler(options: options).compile(modelAt: URL(fileURLWithPath: model)) { event in
                show(event, meter: &meter)
            }
        }
        Console.endProgress()
        try emit(compilation)
        if json {
            print(try renderJSON(CompileSummary(model: model, compilation: compilation)))
        } else if dumpIR == nil && output == nil && emitMem == nil {
            Console.note("\(model): \(compilation.graph.layers.count) nodes after the graph pipeline; -o FILE.bin writes the compiled model, --dump-ir shows the IR")
        }
    }

    /// Progress, notes and `--dump-ir` for one compiler event.
    private func show(_ event: CompilerEvent, meter: inout ProgressMeter) {
        switch event {
        case .started(let stage):
            Console.progress(stage == PassPipeline.importStage ? "importing \(model)" : "stage \(stage)")
        case .finished(let stage, let result):
            Console.progress("stage \(stage)")
            guard dumpIR == "all" || dumpIR == stage else { return }
            Console.endProgress()
            print("// ---- IR after stage '\(stage)' ----")
            let body = result.text
            print(body, terminator: body.hasSuffix("\n") ? "" : "\n")
        case .calibrating(let done, let total):
            meter.update(done: done, total: total)
        case .note(.calibratingDataFree):
            Console.note("no --calib: calibrating data-free (BatchNorm statistics and synthetic inputs); real images calibrate better")
        case .note(.calibrationImagesIgnored):
            Console.note("\(model) is already quantized (QuantizeLinear/DequantizeLinear): using its scales, --calib is ignored")
        }
    }

    /// Writes the `.bin` and the memory images the flags ask for.
    private func emit(_ compilation: Compilation) throws {
        guard let compiled = compilation.model, let scheduled = compilation.scheduled else { return }
        if let output {
            Console.progress("writing \(output)")
            try reportingErrors { try compiled.write(to: URL(fileURLWithPath: output)) }
            Console.endProgress()
            let cycles = try reportingErrors { try scheduled.totalCycles.value }
            Console.note("wrote \(output) for \(compiled.config.name): \(compiled.program.instructions.count) instructions, \(cycles) modeled cycles")
        }
        if let emitMem {
            Console.progress("writing memory images to \(emitMem)")
            let manifest = try reportingErrors {
                try MemoryImageWriter.write(MemoryImages.images(of: compiled.program), wordBits: compiled.config.dram.busWidthBits,
                                            to: URL(fileURLWithPath: emitMem))
            }
            Console.endProgress()
            Console.note("wrote \(manifest.entries.count) memory images to \(emitMem)")
        }
    }
}
