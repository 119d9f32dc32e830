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

    /// Adds one image's values of the layer: the dequantized integer output and the float one.
    public mutating func add(quantized: [Float], reference: [Float]) {
        var imageDot = 0.0, imageReference = 0.0, imageQuantized = 0.0, imageNoise = 0.0
        for (q, r) in zip(quantized, reference) {
            imageDot += Double(q) * Double(r)
            imageReference += Double(r) * Double(r)
            imageQuantized += Double(q) * Double(q)
            imageNoise += Double(q - r) * Double(q - r)
        }
        dot.add(imageDot)
        referenceEnergy.add(imageReference)
        quantizedEnergy.add(imageQuantized)
        noiseEnergy.add(imageNoise)
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
