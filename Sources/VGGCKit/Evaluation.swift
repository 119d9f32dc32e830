import Foundation
import IR
import Quantization

/// A compiled model's accuracy on labelled images, run on the accelerator model; optionally its
/// agreement with the float model (overall and layer by layer) and a bit-exact check against the
/// integer reference.
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

    /// Evaluates the first `options.limit` of `images`; `progress(done, total)` hears every image.
    public func run(on images: LabeledImages, progress: (Int, Int) -> Void = { _, _ in }) throws -> EvaluationResult {
        let selected = options.limit.map { images.prefix($0) } ?? images
        let graph = session.model.graph
        let layersByName = Dictionary(graph.layers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var result = EvaluationResult(layers: options.perLayer ? graph.layers.map { ($0.name, $0.output) } : [])
        let integerReference = options.checkIntegerReference ? session.integerReference : nil
        progress(0, selected.files.count)
        for (index, (file, label)) in zip(selected.files, selected.labels).enumerated() {
            let input = try session.preprocess(imageAt: file)
            var layerValues: [String: [Float]] = [:]
            let inference = try session.run(stored: try session.quantize(input)) { programLayer, stored in
                guard options.perLayer, let layer = layersByName[programLayer.name] else { return }
                layerValues[layer.output] = stored.map { layer.params.dequantize($0) }
            }
            if let integerReference {
                result.addReferenceCheck(file: file.lastPathComponent,
                                         differingOutput: try session.firstDifference(inference, input: input, reference: integerReference))
            }
            let float = try floatReference?.run(input, keepValues: Set(layerValues.keys))
            result.add(label: label, predicted: Ranking.best(of: inference.outputs[0].values) ?? 0,
                       floatPredicted: float.map { Ranking.best(of: $0.output.floats) ?? 0 })
            if let float { result.addLayers(quantized: layerValues, reference: float.values) }
            progress(index + 1, selected.files.count)
        }
        return result
    }
}
