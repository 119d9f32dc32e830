import IR
import Quantization
import Reference

/// A histogram of `|x|` with `binCount` equal bins over `[0, upper]`. Exact zeros are not counted:
/// real 0 is exact in every mode, and ReLU's spike at 0 would otherwise dominate the first bin and
/// skew the percentile and the KL divergence toward tight thresholds. `upper` starts at the first
/// non-zero magnitude seen and doubles (merging neighbouring bins) whenever a larger one arrives, so
/// one pass over the calibration data suffices and the largest magnitude always lies in the upper
/// half of the bins.
struct AbsoluteHistogram: Hashable, Sendable {
    static let binCount = 2048

    private(set) var counts = [Double](repeating: 0, count: binCount)
    /// The upper edge of the last bin; 0 while only zeros have been seen.
    private(set) var upper: Float = 0

    /// Width of one bin.
    var binWidth: Float { upper / Float(Self.binCount) }

    /// Number of elements counted.
    var total: Double { counts.reduce(0, +) }

    mutating func add(_ values: [Float]) {
        let largest = values.lazy.filter(\.isFinite).map { abs($0) }.max() ?? 0
        if upper == 0 { upper = largest }
        while largest > upper { mergeNeighbours() }
        let perUnit = upper > 0 ? Float(Self.binCount) / upper : 0
        for value in values where value.isFinite && value != 0 {
            counts[min(Int(abs(value) * perUnit), Self.binCount - 1)] += 1
        }
    }

    /// Doubles `upper`: bins `2i` and `2i + 1` become bin `i`.
    private mutating func mergeNeighbours() {
        let half = Self.binCount / 2
        for index in 0..<half { counts[index] = counts[2 * index] + counts[2 * index + 1] }
        for index in half..<Self.binCount { counts[index] = 0 }
        upper *= 2
    }

    /// The upper edge of the first bin at which the cumulative count reaches `percent`% of the total.
    func percentile(_ percent: Double) -> Float {
        let target = total * percent / 100
        var cumulative: Double = 0
        for (index, count) in counts.enumerated() {
            cumulative += count
            if cumulative >= target { return Float(index + 1) * binWidth }
        }
        return upper
    }
}
