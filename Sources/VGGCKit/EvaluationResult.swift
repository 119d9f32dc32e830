/// What an evaluation measured: every image's outcome in input order (from which the accuracies,
/// the agreement with the float model and the integer reference check are counted) and the
/// per-layer agreement.
public struct EvaluationResult: Hashable, Sendable {
    /// An image whose output bytes differed from the integer reference, and the first such output.
    public struct Mismatch: Hashable, Sendable {
        public var file: String
        public var output: String

        public init(file: String, output: String) {
            self.file = file
            self.output = output
        }
    }

    /// Every image, in input order.
    public private(set) var outcomes: [ImageEvaluation] = []
    /// Whether the images ran on the float model too.
    public let comparesFloat: Bool
    /// Whether each image's output bytes were checked against the integer reference.
    public let checksReference: Bool
    /// In the quantized graph's layer order; empty unless compared per layer.
    public private(set) var layers: [LayerAgreement]

    /// An empty tally comparing `layers` (quantized layer name and output value, in order).
    public init(layers: [(name: String, value: String)], comparesFloat: Bool = false, checksReference: Bool = false) {
        self.layers = layers.map { LayerAgreement(name: $0.name, value: $0.value) }
        self.comparesFloat = comparesFloat
        self.checksReference = checksReference
    }

    /// A tally of counted images and layers, as a shard's JSON carries them.
    public init(outcomes: [ImageEvaluation], layers: [LayerAgreement], comparesFloat: Bool, checksReference: Bool) {
        self.outcomes = outcomes
        self.layers = layers
        self.comparesFloat = comparesFloat
        self.checksReference = checksReference
    }

    /// Counts one image, after those already counted.
    public mutating func add(_ outcome: ImageEvaluation) {
        precondition((outcome.floatPredicted != nil) == comparesFloat, "\(outcome.file): the float model's class is \(comparesFloat ? "missing" : "unexpected")")
        outcomes.append(outcome)
    }

    /// Adds one image's layer values: dequantized integer outputs and float values, by value name.
    public mutating func addLayers(quantized: [String: [Float]], reference: [String: [Float]]) {
        addLayerSums(Self.layerSums(of: layers.map { ($0.name, $0.value) }, quantized: quantized, reference: reference))
    }

    /// One image's sums for each of `layers` (name and value) whose value both models have, in order.
    public static func layerSums(of layers: [(name: String, value: String)], quantized: [String: [Float]],
                                 reference: [String: [Float]]) -> [LayerAgreement.ImageSums?] {
        layers.map { layer in
            guard let values = quantized[layer.value], let floats = reference[layer.value] else { return nil }
            return LayerAgreement.ImageSums(quantized: values, reference: floats)
        }
    }

    /// Adds one image's sums (`layerSums`), one per layer in order; `nil` skips a layer.
    public mutating func addLayerSums(_ sums: [LayerAgreement.ImageSums?]) {
        precondition(sums.count == layers.count, "\(sums.count) layer sums for \(layers.count) layers")
        for (index, imageSums) in sums.enumerated() {
            if let imageSums { layers[index].add(imageSums) }
        }
    }

    /// Adds the per-layer agreement measured on other images (the same layers, in the same order).
    public mutating func addLayers(_ other: [LayerAgreement]) {
        precondition(other.map(\.name) == layers.map(\.name), "merging other layers")
        for index in layers.indices { layers[index].add(other[index]) }
    }

    /// Images evaluated.
    public var images: Int { outcomes.count }
    /// Images whose top class on the accelerator model is the label.
    public var correct: Int { outcomes.filter { $0.predicted == $0.label }.count }
    /// Images whose top class in the float model is the label; `nil` without the float model.
    public var floatCorrect: Int? {
        comparesFloat ? outcomes.filter { $0.floatPredicted == $0.label }.count : nil
    }
    /// Images on which both models agree on the top class; `nil` without the float model.
    public var agreements: Int? {
        comparesFloat ? outcomes.filter { $0.floatPredicted == $0.predicted }.count : nil
    }
    /// Images checked against the integer reference; `nil` when not checked.
    public var referenceChecks: Int? { checksReference ? images : nil }
    /// Images whose output bytes differ from the integer reference.
    public var referenceMismatches: Int { outcomes.filter { $0.referenceDifference != nil }.count }
    /// The first image, in input order, whose output bytes differ from the integer reference.
    public var firstReferenceMismatch: Mismatch? {
        outcomes.lazy.compactMap { outcome in outcome.referenceDifference.map { Mismatch(file: outcome.file, output: $0) } }.first
    }

    /// Top-1 accuracy on the accelerator model.
    public var accuracy: Double { fraction(correct) }
    /// Top-1 accuracy of the float model.
    public var floatAccuracy: Double? { floatCorrect.map(fraction) }
    /// How often both models pick the same class.
    public var top1Agreement: Double? { agreements.map(fraction) }

    private func fraction(_ count: Int) -> Double {
        Double(count) / Double(max(images, 1))
    }
}
