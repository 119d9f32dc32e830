import ArgumentParser
import Foundation
import IR
import Runtime
import Quantization

/// `vggc eval MODEL.bin DIR`: accuracy of the compiled model on labelled images, run on the
/// accelerator model, optionally against the float model, the integer reference, and layer by layer.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a compiled model's accuracy on a directory of labelled images.",
        discussion: """
            Labels come from DIR/labels.csv (file,label) or from file names <anything>_<label>.<ext>; \
            a label is a class index or a class name stored with the model. The compiled program runs \
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

    @Option(help: "Evaluate at most this many images (the first ones by file name).")
    var limit: Int?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if perLayer && reference == nil { throw ValidationError("--per-layer compares with the float model: give --reference MODEL.onnx") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let runner = try reportingErrors { try ModelRunner(path: model) }
        let compiled = runner.compiled
        var images = try reportingErrors { try LabeledImages.load(directory, classNames: compiled.metadata.labels) }
        if let limit { images.truncate(to: limit) }
        let floatModel = try reference.map { try FloatReference(path: $0, inputName: compiled.metadata.inputName) }
        let integerReference = referenceInt ? IntegerInterpreter(graph: compiled.graph) : nil
        let graphLayers = Dictionary(compiled.graph.layers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var tally = EvaluationTally(layers: perLayer ? compiled.graph.layers.map(\.output) : [])
        for (index, (file, label)) in zip(images.files, images.labels).enumerated() {
            Console.progress("evaluating \(index + 1)/\(images.files.count)")
            try reportingErrors {
                let (input, stored) = try runner.input(imageAt: file)
                var quantizedLayers: [String: [Float]] = [:]
                let inference = try runner.run(stored) { programLayer, values in
                    guard perLayer, let layer = graphLayers[programLayer.name] else { return }
                    quantizedLayers[layer.output] = values.map { layer.params.dequantize($0) }
                }
                if let integerReference {
                    let expected = try integerReference.runStored(input)
                    let differing = zip(compiled.graph.outputs, inference.outputs).first { output, actual in
                        expected[output.name]?.int64s.map { Int32($0) } != actual.stored
                    }
                    tally.addReferenceCheck(file: file.lastPathComponent, differingOutput: differing?.0.name)
                }
                let floatResult = try floatModel?.run(input, keepValues: perLayer ? Set(quantizedLayers.keys) : [])
                tally.add(label: label, int8: argmax(inference.outputs[0].values),
                          fp32: floatResult.map { argmax($0.output.floats) })
                if let floatResult { tally.addLayers(quantized: quantizedLayers, reference: floatResult.values) }
            }
        }
        Console.endProgress()
        let report = EvaluationReport(model: model, directory: directory, arithmetic: compiled.graph.arithmetic.rawValue,
                                      target: compiled.config.name, tally: tally,
                                      layerOrder: compiled.graph.layers.map { ($0.name, $0.output) })
        print(json ? try renderJSON(report) : report.renderText())
        if let first = tally.firstReferenceMismatch {
            Console.error("\(tally.referenceMismatches) of \(tally.images) images differ from the integer reference; "
                          + "the first is \(first.file) (output \(first.output))")
            throw ExitStatus.failure
        }
    }
}

/// Index of the largest element; the first one on ties.
func argmax(_ values: [Float]) -> Int {
    values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } ?? 0
}

extension LabeledImages {
    mutating func truncate(to count: Int) {
        files = Array(files.prefix(count))
        labels = Array(labels.prefix(count))
    }
}
