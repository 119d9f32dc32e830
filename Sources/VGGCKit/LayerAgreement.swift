import Foundation

/// Running agreement between one layer's integer output (dequantized) and the float reference's
/// value of the same name, over all evaluated images.
public struct LayerAgreement: Hashable, Sendable {
    /// The quantized layer's name.
    public var name: String
    /// The value it produces, in both graphs.
    public var value: String
    private var dot: Double = 0
    private var referenceEnergy: Double = 0
    private var quantizedEnergy: Double = 0
    private var noiseEnergy: Double = 0

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Adds one image's values of the layer: the dequantized integer output and the float one.
    public mutating func add(quantized: [Float], reference: [Float]) {
        for (q, r) in zip(quantized, reference) {
            dot += Double(q) * Double(r)
            referenceEnergy += Double(r) * Double(r)
            quantizedEnergy += Double(q) * Double(q)
            noiseEnergy += Double(q - r) * Double(q - r)
        }
    }

    /// Cosine similarity of the concatenated outputs (1 is identical direction).
    public var cosine: Double {
        let norms = (referenceEnergy * quantizedEnergy).squareRoot()
        return norms > 0 ? dot / norms : (referenceEnergy == quantizedEnergy ? 1 : 0)
    }

    /// Signal-to-quantization-noise ratio in dB: 10 log10(Σ r² / Σ (q − r)²).
    public var sqnrDB: Double {
        noiseEnergy > 0 ? 10 * log10(referenceEnergy / noiseEnergy) : .infinity
    }
}
