import ArgumentParser
import Foundation
import Runtime

/// `vggc run MODEL.bin IMAGE|DIR`: runs images through the compiled program on the accelerator
/// model and reports the predictions and what the hardware would spend.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a compiled model (.bin) on an image, or a directory of images, on the accelerator model.",
        discussion: """
            The image is preprocessed as stored with the model, quantized with the input's scale and \
            zero point, and run bit-exactly on a cycle-approximate model of the accelerator the model \
            was compiled for. Prints the top classes (probabilities when the model ends in Softmax, \
            else dequantized scores), cycles, latency at the clock, MACs, PE utilisation, DRAM bytes, \
            energy and images per second. With a directory: every image (.png, .jpg, .jpeg, .ppm, .pgm), \
            and top-1 accuracy when labels.csv or <anything>_<label>.<ext> names give the labels.
            """
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Argument(help: "An image file, or a directory of images.")
    var input: String

    @Option(help: "How many of the top classes to list.")
    var top = 5

    @Flag(help: "Print the result as JSON, with the raw output vectors.")
    var json = false

    @Flag(help: "Add the per-layer table: cycles, roofline bound, PE utilisation, DRAM bytes, stalls and energy.")
    var stats = false

    @Option(help: ArgumentHelp("Write a Chrome trace-event file (opens in Perfetto) of the program's timeline.", valueName: "file.json"))
    var trace: String?

    @Option(name: .customLong("dump-layers"), help: ArgumentHelp(
        "Write each layer's stored output as NN_<layer>.npy and .hex, with manifest.json, into this directory (one image only).",
        valueName: "dir"))
    var dumpLayers: String?

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        Console.progress("loading \(model)")
        let runner = try reportingErrors { try ModelRunner(path: model) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            Console.endProgress()
            Console.error("\(input): no such file or directory")
            throw ExitStatus.failure
        }
        if isDirectory.boolValue {
            guard dumpLayers == nil else { throw ValidationError("--dump-layers writes one image's layers: give an IMAGE, not a directory") }
            try runDirectory(runner)
        } else {
            try runImage(runner)
        }
    }

    private func runImage(_ runner: ModelRunner) throws {
        Console.progress("running \(input)")
        let inference = try reportingErrors {
            let (_, stored) = try runner.input(imageAt: URL(fileURLWithPath: input))
            var dump = try dumpLayers.map { try LayerDumpWriter(directory: URL(fileURLWithPath: $0), program: runner.compiled.program) }
            let inference = try runner.run(stored) { layer, values in try dump?.add(layer, values: values) }
            try dump?.finish()
            return inference
        }
        try writeTrace(runner, inference.run)
        Console.endProgress()
        let statistics = LayerStatistics(program: runner.compiled.program, config: runner.compiled.config, run: inference.run)
        let report = RunReport(model: model, image: input, inference: inference, labels: runner.compiled.metadata.labels,
                               top: top, statistics: statistics, config: runner.compiled.config, includeLayers: stats)
        print(json ? try renderJSON(report) : report.renderText())
    }

    private func runDirectory(_ runner: ModelRunner) throws {
        let files = try reportingErrors { try ImageDirectory.imageFiles(in: URL(fileURLWithPath: input)) }
        let (labels, unavailable) = expectedLabels(files: files, classNames: runner.compiled.metadata.labels)
        let start = DispatchTime.now().uptimeNanoseconds
        var results: [RunSummary.ImageResult] = []
        var firstRun: AcceleratorRun?
        for (index, file) in files.enumerated() {
            Console.progress("running \(index + 1)/\(files.count) \(file.lastPathComponent)")
            let inference = try reportingErrors { try runner.run(try runner.input(imageAt: file).stored) }
            if firstRun == nil { firstRun = inference.run }
            let output = inference.outputs[0]
            let best = output.top(1)[0]
            results.append(RunSummary.ImageResult(file: file.lastPathComponent, classIndex: best,
                                                  label: RunReport.label(best, labels: runner.compiled.metadata.labels),
                                                  score: output.scores[best], expected: labels?[index]))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let run = firstRun!
        try writeTrace(runner, run)
        Console.endProgress()
        if let unavailable, !json { Console.note("no top-1 accuracy: \(unavailable)") }
        let statistics = LayerStatistics(program: runner.compiled.program, config: runner.compiled.config, run: run)
        let summary = RunSummary(model: model, directory: input, results: results, labelsUnavailable: unavailable,
                                 hardware: HardwareFigures(statistics: statistics, config: runner.compiled.config),
                                 layers: stats ? statistics.rows : nil, hostSeconds: seconds)
        print(json ? try renderJSON(summary) : summary.renderText())
    }

    /// The images' true classes as `vggc eval` reads them, or why there are none.
    private func expectedLabels(files: [URL], classNames: [String]) -> (labels: [Int]?, unavailable: String?) {
        do {
            let labelled = try LabeledImages.load(input, classNames: classNames)
            guard labelled.files == files else { return (nil, "the labelled images differ from the directory's images") }
            return (labelled.labels, nil)
        } catch {
            return (nil, error.localizedDescription)
        }
    }

    private func writeTrace(_ runner: ModelRunner, _ run: AcceleratorRun) throws {
        guard let trace else { return }
        Console.progress("writing \(trace)")
        try reportingErrors {
            try TraceWriter.write(program: runner.compiled.program, config: runner.compiled.config, run: run,
                                  to: URL(fileURLWithPath: trace))
        }
    }
}
