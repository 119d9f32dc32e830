import ArgumentParser
import Backend
import Foundation
import IR
import Runtime

/// `vggc compile MODEL`: imports the model, runs the graph pipeline, calibrates and quantizes it,
/// and writes the compiled model.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile an ONNX model to an int8 program.",
        discussion: """
            Stages: \(CompileCommand.stageNames.joined(separator: ", ")). The IR is verified after every \
            stage; `--dump-ir` prints it after each stage, `--dump-ir=STAGE` after one. Calibration \
            uses the images of --calib DIR (preprocessed as the flags below say, and stored with the \
            model); without it, vggc calibrates data-free from BatchNorm statistics and synthetic inputs.
            """
    )

    /// The graph pipeline's stages, then quantization.
    static let stageNames = PassPipeline.standard.stageNames + [quantizeStage]
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

    @Flag(help: "Print a JSON summary: node counts per stage and the final graph's layers.")
    var json = false

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
        if output != nil, let stopAfter, stopAfter != Self.quantizeStage {
            throw ValidationError("-o needs the quantize stage; --stop-after \(stopAfter) ends before it")
        }
    }

    func run() throws {
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
        var quantized: (graph: QuantizedGraph, calibration: String, preprocessing: Preprocessing)?
        if stopAfter == nil || stopAfter == Self.quantizeStage {
            let preprocessing = try preprocessing(for: canonical)
            let (graph, calibration) = try quantize(canonical, imported: imported, preprocessing: preprocessing)
            stages.append(CompileSummary.Stage(name: Self.quantizeStage, nodes: graph.layers.count))
            dump(Self.quantizeStage) { QuantizedGraphPrinter.print(graph) }
            quantized = (graph, calibration, preprocessing)
        }
        Console.endProgress()
        if let output, let quantized {
            try write(quantized.graph, calibration: quantized.calibration, preprocessing: quantized.preprocessing,
                      canonical: canonical, to: output)
        }
        if json {
            print(try renderJSON(CompileSummary(model: model, stages: stages, graph: canonical)))
        } else if dumpIR == nil && output == nil {
            Console.note("\(model): \(canonical.nodes.count) nodes after the graph pipeline (\(imported.nodes.count) imported); -o FILE.bin writes the compiled model, --dump-ir shows the IR")
        }
    }

    /// The last graph-pipeline stage to run: all of them unless --stop-after names one.
    private var graphStopStage: String? {
        stopAfter == Self.quantizeStage ? nil : stopAfter
    }

    private func dump(_ stage: String, _ text: () -> String) {
        guard dumpIR == "all" || dumpIR == stage else { return }
        Console.endProgress()
        print("// ---- IR after stage '\(stage)' ----")
        let body = text()
        print(body, terminator: body.hasSuffix("\n") ? "" : "\n")
    }

    private func quantize(_ graph: Graph, imported: Graph, preprocessing: Preprocessing) throws -> (QuantizedGraph, String) {
        if QDQQuantizer.isQuantized(imported) {
            if quantization.calib != nil {
                Console.note("\(model) is already quantized (QuantizeLinear/DequantizeLinear): using its scales, --calib is ignored")
            }
            Console.progress("quantizing with the model's own scales")
            let quantized = try reportingErrors { try QDQQuantizer.quantize(imported: imported, options: quantization.options) }
            return (quantized, "pre-quantized (the model's QDQ scales and zero points)")
        }
        let calibration = try calibrationRanges(graph, imported: imported, preprocessing: preprocessing)
        Console.progress("quantizing")
        let quantized = try reportingErrors {
            try Quantizer.quantize(graph, ranges: calibration.ranges, options: quantization.options)
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

    private func write(_ graph: QuantizedGraph, calibration: String, preprocessing: Preprocessing, canonical: Graph,
                       to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let input = canonical.inputs[0]
        let metadata = ModelMetadata(
            name: URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent, source: model,
            producer: "vggc \(VGGC.configuration.version)", inputName: input.name, inputShape: input.type.shape.dims,
            outputNames: canonical.outputs, preprocessing: preprocessing,
            labels: try quantization.classLabels(),
            calibration: calibration)
        try reportingErrors { try CompiledModel(metadata: metadata, graph: graph).write(to: url) }
        Console.note("wrote \(path)")
    }
}
