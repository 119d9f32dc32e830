import ArgumentParser
import Backend
import Foundation
import IR
import Runtime

/// `vggc eval MODEL.bin DIR`: accuracy of the compiled model on labelled images, optionally against
/// the float model and layer by layer.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a compiled model's accuracy on a directory of labelled images.",
        discussion: """
            Labels come from DIR/labels.csv (file,label) or from file names <anything>_<label>.<ext>; \
            a label is a class index or a class name stored with the model. The compiled model runs \
            in the integer reference interpreter (bit-exact with the accelerator). --reference runs \
            the float ONNX model too and reports fp32 accuracy and top-1 agreement; --per-layer adds \
            each layer's cosine similarity and SQNR against float.
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

    @Option(help: "Evaluate at most this many images (the first ones by file name).")
    var limit: Int?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if perLayer && reference == nil { throw ValidationError("--per-layer compares with the float model: give --reference MODEL.onnx") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let compiled = try reportingErrors { try CompiledModel.load(URL(fileURLWithPath: model)) }
        var images = try reportingErrors { try LabeledImages.load(directory, classNames: compiled.metadata.labels) }
        if let limit { images.truncate(to: limit) }
        let floatModel = try reference.map { try FloatReference(path: $0, inputName: compiled.metadata.inputName) }
        var tally = EvaluationTally(layers: perLayer ? compiled.graph.layers.map(\.output) : [])
        let interpreter = IntegerInterpreter(graph: compiled.graph)
        let outputName = compiled.graph.outputs[0].name
        for (index, (file, label)) in zip(images.files, images.labels).enumerated() {
            Console.progress("evaluating \(index + 1)/\(images.files.count)")
            try reportingErrors {
                let input = try compiled.metadata.preprocessing.loadTensor(imageAt: file)
                var quantizedLayers: [String: [Float]] = [:]
                let outputs = try interpreter.run(input) { layer, stored in
                    if perLayer { quantizedLayers[layer.output] = stored.int64s.map { layer.params.dequantize(Int32($0)) } }
                }
                let floatResult = try floatModel?.run(input, keepValues: perLayer ? Set(quantizedLayers.keys) : [])
                tally.add(label: label, int8: argmax(outputs[outputName]!.floats),
                          fp32: floatResult.map { argmax($0.output.floats) })
                if let floatResult { tally.addLayers(quantized: quantizedLayers, reference: floatResult.values) }
            }
        }
        Console.endProgress()
        let report = EvaluationReport(model: model, directory: directory, arithmetic: compiled.graph.arithmetic.rawValue,
                                      tally: tally, layerOrder: compiled.graph.layers.map { ($0.name, $0.output) })
        print(json ? try renderJSON(report) : report.renderText())
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
