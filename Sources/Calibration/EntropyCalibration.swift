import Foundation
import IR
import Quantization
import Reference

/// TensorRT's entropy (KL-divergence) threshold selection on a histogram of `|x|`.
enum EntropyCalibration {
    /// Levels of the quantized distribution (int8: 128 magnitudes).
    static let levels = 128

    /// The threshold minimising `KL(P || Q)`: for each candidate `i` from 128 bins up to the last
    /// non-empty bin, `P` is the first `i` bins with every count beyond folded into bin `i − 1`,
    /// `Q` merges those `i` bins into 128 groups (the last takes the remainder) and spreads each
    /// group's count evenly over the group's bins where `P` is non-zero. Returns `i × binWidth` of
    /// the best candidate (the first on ties); with at most 128 non-empty bins, the upper edge of the
    /// last one.
    static func threshold(counts: [Double], binWidth: Float) -> Float {
        guard let last = counts.lastIndex(where: { $0 > 0 }) else { return 0 }
        let used = last + 1
        guard used > levels else { return Float(used) * binWidth }
        var best = (divergence: Double.infinity, bins: used)
        for bins in levels...used {
            let divergence = klDivergence(counts: counts, bins: bins, used: used)
            if divergence < best.divergence { best = (divergence, bins) }
        }
        return Float(best.bins) * binWidth
    }

    /// `KL(P || Q)` for the candidate that keeps `bins` bins.
    static func klDivergence(counts: [Double], bins: Int, used: Int) -> Double {
        var reference = Array(counts[0..<bins])
        reference[bins - 1] += counts[bins..<used].reduce(0, +)
        let quantized = expandedQuantization(Array(counts[0..<bins]), reference: reference)
        let referenceTotal = reference.reduce(0, +), quantizedTotal = quantized.reduce(0, +)
        guard referenceTotal > 0, quantizedTotal > 0 else { return .infinity }
        var divergence = 0.0
        for (p, q) in zip(reference, quantized) where p > 0 {
            let pn = p / referenceTotal
            let qn = max(q / quantizedTotal, 1e-12)
            divergence += pn * log(pn / qn)
        }
        return divergence
    }

    /// `sliced` merged into `levels` groups, each group's sum spread evenly over its bins where
    /// `reference` is non-zero.
    private static func expandedQuantization(_ sliced: [Double], reference: [Double]) -> [Double] {
        let perGroup = sliced.count / levels
        var expanded = [Double](repeating: 0, count: sliced.count)
        for group in 0..<levels {
            let start = group * perGroup
            let end = group == levels - 1 ? sliced.count : start + perGroup
            let sum = sliced[start..<end].reduce(0, +)
            let nonEmpty = reference[start..<end].filter { $0 > 0 }.count
            guard nonEmpty > 0 else { continue }
            for index in start..<end where reference[index] > 0 { expanded[index] = sum / Double(nonEmpty) }
        }
        return expanded
    }
}
