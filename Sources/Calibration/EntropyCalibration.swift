import Foundation
import IR
import Quantization
import Reference

/// TensorRT's entropy (KL-divergence) threshold selection on a histogram of `|x|`, with atoms
/// flattened before the comparison.
///
/// An **atom** is a value repeated exactly over many elements: a constant image region (MNIST's
/// zero background, zero padding) gives every channel of the next layers one constant response,
/// `ReLU(bias)` after the first convolution. Its histogram bin towers over its neighbours. The KL
/// comparison spreads each level's count evenly over its bins, so an atom sharing a level with `k`
/// non-empty bins costs `mass × log k` — for any threshold, although its rounding error stays below
/// half a level — while clipping costs only the clipped mass moved into the last bin, however far
/// beyond it the values lay. On the CIFAR-form VGG16 of `models/vgg16_mnist.onnx` a third of the
/// non-zero outputs of its first two convolutions are atoms, and the published search clipped the
/// first at an eighth to a fifth of its maximum (13% of its non-zero values: the digit strokes),
/// which took top-1 from 98.4% to 76.9%. The comparison here replaces each atom's count by the
/// median of its neighbours (a median, so that several channels' atoms side by side are each found);
/// the clipped tail keeps the true counts.
enum EntropyCalibration {
    /// Levels of the quantized distribution (int8: 128 magnitudes).
    static let levels = 128
    /// Bins on each side of a bin that decide whether it is an atom.
    static let atomRadius = 4
    /// A bin holding more than this many times the median count of its neighbours (and more than
    /// this many elements) is an atom.
    static let atomFactor = 4.0

    /// The threshold minimising `KL(P || Q)`: for each candidate `i` from 128 bins up to the last
    /// non-empty bin, `P` is the first `i` bins of the atom-flattened histogram with the true count
    /// of every bin beyond folded into bin `i − 1`, `Q` merges those `i` flattened bins into 128
    /// groups (the last takes the remainder) and spreads each group's count evenly over the group's
    /// bins where `P` is non-zero. Returns `i × binWidth` of the best candidate (the first on ties);
    /// with at most 128 non-empty bins, the upper edge of the last one.
    static func threshold(counts: [Double], binWidth: Float) -> Float {
        guard let last = counts.lastIndex(where: { $0 > 0 }) else { return 0 }
        let used = last + 1
        guard used > levels else { return Float(used) * binWidth }
        let flattened = flatteningAtoms(counts)
        var best = (divergence: Double.infinity, bins: used)
        for bins in levels...used {
            let divergence = klDivergence(counts: counts, flattened: flattened, bins: bins, used: used)
            if divergence < best.divergence { best = (divergence, bins) }
        }
        return Float(best.bins) * binWidth
    }

    /// `counts` with every atom (a bin above `atomFactor` times the median of its `atomRadius`
    /// neighbours on each side, and above `atomFactor`) replaced by that median.
    static func flatteningAtoms(_ counts: [Double]) -> [Double] {
        counts.indices.map { index in
            let neighbours = max(0, index - atomRadius)..<min(counts.count, index + atomRadius + 1)
            let typical = median(neighbours.filter { $0 != index }.map { counts[$0] })
            return counts[index] > atomFactor * max(typical, 1) ? typical : counts[index]
        }
    }

    /// The middle value of `values` (the mean of the two middle ones for an even count; 0 for none).
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `KL(P || Q)` for the candidate that keeps `bins` bins.
    static func klDivergence(counts: [Double], flattened: [Double], bins: Int, used: Int) -> Double {
        var reference = Array(flattened[0..<bins])
        reference[bins - 1] += counts[bins..<used].reduce(0, +)
        let quantized = expandedQuantization(Array(flattened[0..<bins]), reference: reference)
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
