import Foundation

/// What the report's single run feeds the model.
public enum ReportInput: Hashable, Sendable {
    /// An image file, preprocessed as the model's metadata says and quantized with the graph input's
    /// parameters, as the host does.
    case image(URL)
    /// Pseudo-random values uniform in `[-1, 1)` from a fixed seed, quantized the same way: the same
    /// bytes every time. Cycles, traffic and energy do not depend on the values; the outputs mean
    /// nothing.
    case synthetic

    /// The seed of the synthetic input.
    public static let syntheticSeed: UInt64 = 0x7265_706F_7274

    /// The input in words, as the page states it.
    public var description: String {
        switch self {
        case .image(let url): return "image \(url.lastPathComponent)"
        case .synthetic:
            return "synthetic input (uniform pseudo-random values in [−1, 1), seed 0x\(String(Self.syntheticSeed, radix: 16)), "
                + "quantized like an image); cycles, DRAM traffic and energy do not depend on the values"
        }
    }
}
