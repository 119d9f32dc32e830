import IR
import Quantization
import Reference

/// How `Calibrator` turns the statistics of a tensor into the range its int8 scale covers.
public enum CalibrationMethod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The observed minimum and maximum.
    case minMax
    /// A threshold `t` at percentile `P` (0 < P ≤ 100) of `|x|` over all observed elements of the
    /// tensor; the range is `[max(min, −t), min(max, t)]`, so both tails are clipped at the same
    /// magnitude and a non-negative tensor stays non-negative.
    case percentile(Double)
    /// TensorRT's entropy calibration: the threshold on `|x|` that minimises the KL divergence
    /// between the 2048-bin histogram and its 128-level quantization; the range is clipped as for
    /// `percentile`.
    case entropy
    /// The threshold `t` on `|x|` that minimises the expected squared quantization error (rounding
    /// inside the range, clipping beyond it) over the 2048-bin histogram; clipped as `percentile`.
    case meanSquaredError

    /// The percentile `percentile` without a value uses.
    public static let defaultPercentile = 99.99

    /// Parses the CLI spelling: `minmax`, `percentile`, `percentile=P`, `entropy`, `mse`; `nil` otherwise
    /// (and for a percentile outside `(0, 100]`).
    public init?(parsing text: String) {
        switch text {
        case "minmax": self = .minMax
        case "entropy": self = .entropy
        case "mse": self = .meanSquaredError
        case "percentile": self = .percentile(Self.defaultPercentile)
        default:
            guard text.hasPrefix("percentile="), let value = Double(text.dropFirst("percentile=".count)),
                  value > 0, value <= 100 else { return nil }
            self = .percentile(value)
        }
    }

    /// The CLI spelling.
    public var description: String {
        switch self {
        case .minMax: return "minmax"
        case .percentile(let value): return "percentile=\(value)"
        case .entropy: return "entropy"
        case .meanSquaredError: return "mse"
        }
    }

    /// Whether the method needs a histogram of `|x|`.
    var needsHistogram: Bool { self != .minMax }
}
