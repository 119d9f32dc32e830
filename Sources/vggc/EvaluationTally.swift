/// Counts of an evaluation run.
struct EvaluationTally {
    private(set) var images = 0
    private(set) var int8Correct = 0
    private(set) var fp32Correct = 0
    private(set) var agreements = 0
    private(set) var hasReference = false
    private(set) var layers: [String: LayerAgreement]
    /// Images checked against the integer reference, and how many of them differed.
    private(set) var referenceChecks = 0
    private(set) var referenceMismatches = 0
    /// The first image whose output differed from the integer reference, and that output's name.
    private(set) var firstReferenceMismatch: (file: String, output: String)?

    init(layers: [String]) {
        self.layers = Dictionary(uniqueKeysWithValues: layers.map { ($0, LayerAgreement()) })
    }

    mutating func add(label: Int, int8: Int, fp32: Int?) {
        images += 1
        if int8 == label { int8Correct += 1 }
        guard let fp32 else { return }
        hasReference = true
        if fp32 == label { fp32Correct += 1 }
        if fp32 == int8 { agreements += 1 }
    }

    mutating func addLayers(quantized: [String: [Float]], reference: [String: [Float]]) {
        for (name, values) in quantized {
            guard let floats = reference[name] else { continue }
            layers[name]?.add(quantized: values, reference: floats)
        }
    }

    /// Counts one image checked against the integer reference; `differingOutput` names the first
    /// output whose bytes differ, `nil` when all are equal.
    mutating func addReferenceCheck(file: String, differingOutput: String?) {
        referenceChecks += 1
        guard let differingOutput else { return }
        referenceMismatches += 1
        if firstReferenceMismatch == nil { firstReferenceMismatch = (file, differingOutput) }
    }
}
