import ArgumentParser
import Foundation
import VGGCKit

/// `vggc eval MODEL.bin DIR`: accuracy of the compiled model on labelled images, run on the
/// accelerator model, optionally against the float model, the integer reference, and layer by layer.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a compiled model's accuracy on a directory of labelled images.",
        discussion: """
            DIR holds the images, or one subfolder of images per class (torchvision's ImageFolder: \
            classes numbered in sorted folder-name order). Labels come from --labels or DIR/labels.csv \
            (lines file,label, file relative to DIR), else from the class folders, else from file names \
            <anything>_<label>.<ext> (label: a class index without leading zeros, or a class name stored \
            with the model). Images run --jobs at a time; --shard I/N evaluates a part, and \
            `vggc merge` combines the parts' --json outputs. The compiled program runs \
            on the accelerator model (bit-exact, as `vggc run`). --reference-int also runs the integer \
            reference interpreter on every image and fails (exit 1) if any output byte differs. \
            --reference runs the float ONNX model too and reports fp32 accuracy and top-1 agreement; \
            --per-layer adds the cosine similarity and SQNR of each layer the accelerator stores, \
            against float.
            """
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Argument(help: "A directory of labelled images.")
    var directory: String

    @Option(help: ArgumentHelp("The float ONNX model the .bin was compiled from.", valueName: "model.onnx"))
    var reference: String?

    @Flag(help: "Compare every layer's int8 output with the float reference (needs --reference).")
    var perLayer = false

    @Flag(name: .customLong("reference-int"), help: "Check every image's output bytes against the integer reference interpreter.")
    var referenceInt = false

    @Option(help: "Evaluate at most this many images (the first ones in input order).")
    var limit: Int?

    @Option(help: ArgumentHelp("A labels table (lines file,label) instead of DIR/labels.csv.", valueName: "file.csv"))
    var labels: String?

    @OptionGroup var split: WorkSplitOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        try validating { try options.validate() }
    }

    private var options: EvaluationOptions {
        EvaluationOptions(floatModel: reference.map { URL(fileURLWithPath: $0) }, perLayer: perLayer,
                          checkIntegerReference: referenceInt, limit: limit,
                          shard: split.shard ?? .whole, jobs: split.jobs)
    }

    func run() throws {
        let session = try reportingErrors { try Session(modelAt: URL(fileURLWithPath: model)) }
        let compiled = session.model
        let images = try reportingErrors {
            try LabeledImages(directory: URL(fileURLWithPath: directory), classNames: compiled.metadata.labels,
                              labelsFile: labels.map { URL(fileURLWithPath: $0) })
        }
        let evaluation = try reportingErrors { try Evaluation(session: session, options: options) }
        var meter = ProgressMeter(task: "evaluating")
        let result = try reportingErrors {
            try evaluation.run(on: images) { done, total in meter.update(done: done, total: total) }
        }
        Console.endProgress()
        let report = EvaluationReport(model: model, directory: directory, arithmetic: compiled.graph.arithmetic.rawValue,
                                      target: compiled.config.name, shard: split.shard, result: result)
        print(json ? try renderJSON(report) : report.renderText())
        if let first = result.firstReferenceMismatch {
            Console.error("\(result.referenceMismatches) of \(result.images) images differ from the integer reference; "
                          + "the first is \(first.file) (output \(first.output))")
            throw ExitStatus.failure
        }
    }
}
