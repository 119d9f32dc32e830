import Foundation
import IR
import Quantization

/// A compiled model's accuracy on labelled images, run on the accelerator model; optionally its
/// agreement with the float model (overall and layer by layer) and a bit-exact check against the
/// integer reference. Images run `options.jobs` at a time; the result is the same for any count.
public struct Evaluation: Sendable {
    /// The compiled model that runs.
    public let session: Session
    /// What is measured besides accuracy.
    public let options: EvaluationOptions
    private let floatReference: FloatReference?

    /// Validates `options` and loads the float model when one is given.
    public init(session: Session, options: EvaluationOptions) throws {
        try options.validate()
        self.session = session
        self.options = options
        floatReference = try options.floatModel.map { try FloatReference(modelAt: $0) }
    }

    /// Evaluates `options.shard`'s part of the first `options.limit` of `images`;
    /// `progress(done, total)` hears every image of the part, on the calling thread.
    public func run(on images: LabeledImages, progress: (Int, Int) -> Void = { _, _ in }) throws -> EvaluationResult {
        let selected = options.shard.select(Array((options.limit.map { images.prefix($0) } ?? images).items))
        let layers = options.perLayer ? session.model.graph.layers.map { ($0.name, $0.output) } : []
        let integerReference = options.checkIntegerReference ? session.integerReference : nil
        progress(0, selected.count)
        let measured = try ParallelWork.map(count: selected.count, jobs: options.jobs, progress: { progress($0, selected.count) }) { index in
            try evaluate(selected[index], layers: layers, integerReference: integerReference)
        }
        var result = EvaluationResult(layers: layers, comparesFloat: floatReference != nil, checksReference: integerReference != nil)
        for (outcome, layerSums) in measured {
            result.add(outcome)
            result.addLayerSums(layerSums)
        }
        return result
    }

    /// Runs one image: its outcome and its sums for each of `layers` (none without the float model).
    private func evaluate(_ image: LabeledImages.Item, layers: [(name: String, value: String)],
                          integerReference: IntegerInterpreter?) throws -> (ImageEvaluation, [LayerAgreement.ImageSums?]) {
        let layersByName = Dictionary(session.model.graph.layers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let input = try session.preprocess(imageAt: image.file)
        var layerValues: [String: [Float]] = [:]
        let inference = try session.run(stored: try session.quantize(input)) { programLayer, stored in
            guard !layers.isEmpty, let layer = layersByName[programLayer.name] else { return }
            layerValues[layer.output] = stored.map { layer.params.dequantize($0) }
        }
        let difference = try integerReference.flatMap { try session.firstDifference(inference, input: input, reference: $0) }
        let float = try floatReference?.run(input, keepValues: Set(layerValues.keys))
        let layerSums = float.map { EvaluationResult.layerSums(of: layers, quantized: layerValues, reference: $0.values) }
            ?? Array(repeating: nil, count: layers.count)
        let outcome = ImageEvaluation(file: image.name, label: image.label, predicted: Ranking.best(of: inference.outputs[0].values) ?? 0,
                                      floatPredicted: float.map { Ranking.best(of: $0.output.floats) ?? 0 },
                                      referenceDifference: difference)
        return (outcome, layerSums)
    }
}
