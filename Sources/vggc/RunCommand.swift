import ArgumentParser
import Foundation
import Runtime
import VGGCKit

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
            or every image of its class subfolders (as `vggc eval`), --jobs at a time, and top-1 accuracy \
            when --labels, labels.csv, the class folders or <anything>_<label>.<ext> names give the labels; \
            --shard I/N runs a part.
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

    @Option(help: ArgumentHelp("With a directory: a labels table (lines file,label) instead of DIR/labels.csv.", valueName: "file.csv"))
    var labels: String?

    @OptionGroup var split: WorkSplitOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        Console.progress("loading \(model)")
        let session = try reportingErrors { try Session(modelAt: URL(fileURLWithPath: model)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            Console.endProgress()
            Console.error("\(input): no such file or directory")
            throw ExitStatus.failure
        }
        if isDirectory.boolValue {
            guard dumpLayers == nil else { throw ValidationError("--dump-layers writes one image's layers: give an IMAGE, not a directory") }
            try runDirectory(session)
        } else {
            try runImage(session)
        }
    }

    private func runImage(_ session: Session) throws {
        Console.progress("running \(input)")
        let inference = try reportingErrors {
            let stored = try session.quantize(try session.preprocess(imageAt: URL(fileURLWithPath: input)))
            var dump = try dumpLayers.map { try LayerDumpWriter(directory: URL(fileURLWithPath: $0), program: session.model.program) }
            let inference = try session.run(stored: stored) { layer, values in try dump?.add(layer, values: values) }
            try dump?.finish()
            return inference
        }
        try writeTrace(session, inference.run)
        Console.endProgress()
        let report = RunReport(model: model, image: input, inference: inference, predictions: session.rank(inference, top: top),
                               statistics: session.statistics(of: inference.run), config: session.model.config,
                               includeLayers: stats)
        print(json ? try renderJSON(report) : report.renderText())
    }

    private func runDirectory(_ session: Session) throws {
        var meter = ProgressMeter(task: "running")
        let run = try reportingErrors {
            try DirectoryRun(session: session, directory: URL(fileURLWithPath: input), labelsFile: labels.map { URL(fileURLWithPath: $0) },
                             shard: split.shard ?? .whole, jobs: split.jobs) { done, total in
                meter.update(done: done, total: total)
            }
        }
        try writeTrace(session, run.run)
        Console.endProgress()
        if let unavailable = run.labelsUnavailable, !json { Console.note("no top-1 accuracy: \(unavailable)") }
        let statistics = session.statistics(of: run.run)
        let summary = RunSummary(model: model, directory: input, shard: split.shard, run: run,
                                 hardware: HardwareFigures(statistics: statistics, config: session.model.config),
                                 layers: stats ? statistics.rows : nil)
        print(json ? try renderJSON(summary) : summary.renderText())
    }

    private func writeTrace(_ session: Session, _ run: AcceleratorRun) throws {
        guard let trace else { return }
        Console.progress("writing \(trace)")
        try reportingErrors {
            try TraceWriter.write(program: session.model.program, config: session.model.config, run: run,
                                  to: URL(fileURLWithPath: trace))
        }
    }
}
