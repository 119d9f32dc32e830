import Foundation

/// Running agreement between one layer's integer output (dequantized) and the float reference's
/// value of the same name, over all evaluated images. Each image's sums are added exactly
/// (`ExactSum`), so the statistics do not depend on the order or grouping of the images.
public struct LayerAgreement: Hashable, Sendable, Codable {
    /// The quantized layer's name.
    public var name: String
    /// The value it produces, in both graphs.
    public var value: String
    private var dot = ExactSum()
    private var referenceEnergy = ExactSum()
    private var quantizedEnergy = ExactSum()
    private var noiseEnergy = ExactSum()

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// One image's sums for the layer, in element order: Σ q·r, Σ r², Σ q², Σ (q − r)².
    public struct ImageSums: Hashable, Sendable {
        public var dot = 0.0
        public var referenceEnergy = 0.0
        public var quantizedEnergy = 0.0
        public var noiseEnergy = 0.0

        /// The sums of the dequantized integer output `quantized` and the float one, `reference`.
        public init(quantized: [Float], reference: [Float]) {
            for (q, r) in zip(quantized, reference) {
                dot += Double(q) * Double(r)
                referenceEnergy += Double(r) * Double(r)
                quantizedEnergy += Double(q) * Double(q)
                noiseEnergy += Double(q - r) * Double(q - r)
            }
        }
    }

    /// Adds one image's values of the layer: the dequantized integer output and the float one.
    public mutating func add(quantized: [Float], reference: [Float]) {
        add(ImageSums(quantized: quantized, reference: reference))
    }

    /// Adds one image's sums exactly.
    public mutating func add(_ sums: ImageSums) {
        dot.add(sums.dot)
        referenceEnergy.add(sums.referenceEnergy)
        quantizedEnergy.add(sums.quantizedEnergy)
        noiseEnergy.add(sums.noiseEnergy)
    }

    /// Adds the images `other` counted (the same layer, measured on other images).
    public mutating func add(_ other: LayerAgreement) {
        precondition(other.name == name && other.value == value, "merging layer \(other.name) into \(name)")
        dot.add(other.dot)
        referenceEnergy.add(other.referenceEnergy)
        quantizedEnergy.add(other.quantizedEnergy)
        noiseEnergy.add(other.noiseEnergy)
    }

    /// Cosine similarity of the concatenated outputs (1 is identical direction).
    public var cosine: Double {
        let norms = (referenceEnergy.value * quantizedEnergy.value).squareRoot()
        return norms > 0 ? dot.value / norms : (referenceEnergy == quantizedEnergy ? 1 : 0)
    }

    /// Signal-to-quantization-noise ratio in dB: 10 log10(Σ r² / Σ (q − r)²).
    public var sqnrDB: Double {
        let noise = noiseEnergy.value
        return noise > 0 ? 10 * log10(referenceEnergy.value / noise) : .infinity
    }

    enum CodingKeys: String, CodingKey {
        case name, value, dot
        case referenceEnergy = "reference_energy"
        case quantizedEnergy = "quantized_energy"
        case noiseEnergy = "noise_energy"
    }
}
