/// What an evaluation counted: accuracies, agreement with the float model, the integer reference
/// check and the per-layer agreement.
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

    /// Images evaluated.
    public private(set) var images = 0
    /// Images whose top class on the accelerator model is the label.
    public private(set) var correct = 0
    /// Images whose top class in the float model is the label; `nil` without the float model.
    public private(set) var floatCorrect: Int?
    /// Images on which both models agree on the top class; `nil` without the float model.
    public private(set) var agreements: Int?
    /// Images checked against the integer reference; `nil` when not checked.
    public private(set) var referenceChecks: Int?
    /// Images whose output bytes differ from the integer reference.
    public private(set) var referenceMismatches = 0
    /// The first image whose output bytes differ from the integer reference.
    public private(set) var firstReferenceMismatch: Mismatch?
    /// In the quantized graph's layer order; empty unless compared per layer.
    public private(set) var layers: [LayerAgreement]

    /// An empty tally comparing `layers` (quantized layer name and output value, in order).
    public init(layers: [(name: String, value: String)]) {
        self.layers = layers.map { LayerAgreement(name: $0.name, value: $0.value) }
    }

    /// Counts one image: its label, the accelerator model's top class and the float model's.
    public mutating func add(label: Int, predicted: Int, floatPredicted: Int?) {
        images += 1
        if predicted == label { correct += 1 }
        guard let floatPredicted else { return }
        floatCorrect = (floatCorrect ?? 0) + (floatPredicted == label ? 1 : 0)
        agreements = (agreements ?? 0) + (floatPredicted == predicted ? 1 : 0)
    }

    /// Adds one image's layer values: dequantized integer outputs and float values, by value name.
    public mutating func addLayers(quantized: [String: [Float]], reference: [String: [Float]]) {
        for index in layers.indices {
            guard let values = quantized[layers[index].value], let floats = reference[layers[index].value] else { continue }
            layers[index].add(quantized: values, reference: floats)
        }
    }

    /// Counts one image checked against the integer reference; `differingOutput` names the first
    /// output whose bytes differ, `nil` when all are equal.
    public mutating func addReferenceCheck(file: String, differingOutput: String?) {
        referenceChecks = (referenceChecks ?? 0) + 1
        guard let differingOutput else { return }
        referenceMismatches += 1
        if firstReferenceMismatch == nil { firstReferenceMismatch = Mismatch(file: file, output: differingOutput) }
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
