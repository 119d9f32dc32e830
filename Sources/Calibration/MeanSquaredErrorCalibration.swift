import IR
import Quantization
import Reference

/// The threshold on `|x|` that minimises the expected squared error of int8 quantization, from a
/// histogram of the non-zero `|x|`: for a threshold `t` and the tensor's extremes, the range is
/// `[max(min, −t), min(max, t)]` widened to contain 0 and divided into 255 steps `Δ(t)`; a value
/// inside it costs `Δ²/12` (rounding, uniform within a step), a value beyond it `(|x| − t)²`
/// (clipping). Each bin's values stand at its centre. Exact zeros cost nothing and are not counted.
enum MeanSquaredErrorCalibration {
    /// The upper edge of the bin whose edge as `t` gives the smallest error (the first on ties):
    /// prefix sums make every candidate `O(1)`, so the search is one pass over the bins.
    static func threshold(counts: [Double], binWidth: Float, minimum: Float, maximum: Float) -> Float {
        guard let last = counts.lastIndex(where: { $0 > 0 }), binWidth > 0 else { return 0 }
        let width = Double(binWidth)
        // Tail sums over bins beyond a candidate: count, Σ c·x and Σ c·x².
        var tailCount = 0.0, tailFirst = 0.0, tailSecond = 0.0
        var tails = [(count: Double, first: Double, second: Double)](repeating: (0, 0, 0), count: last + 1)
        for index in stride(from: last, through: 0, by: -1) {
            tails[index] = (tailCount, tailFirst, tailSecond)
            let centre = (Double(index) + 0.5) * width
            tailCount += counts[index]
            tailFirst += counts[index] * centre
            tailSecond += counts[index] * centre * centre
        }
        let total = tailCount
        var best = (error: Double.infinity, edge: last + 1)
        for index in 0...last {
            let t = Double(index + 1) * width
            let step = (min(Double(maximum), t) - max(Double(minimum), -t)) / 255
            let tail = tails[index]
            let rounding = (total - tail.count) * step * step / 12
            let clipping = tail.second - 2 * t * tail.first + t * t * tail.count
            if rounding + clipping < best.error { best = (rounding + clipping, index + 1) }
        }
        return Float(Double(best.edge) * width)
    }
}
