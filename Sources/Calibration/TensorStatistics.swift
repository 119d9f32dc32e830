import IR
import Quantization
import Reference

/// What calibration accumulates for one tensor: its extremes and, for the percentile and entropy
/// and mean-squared-error methods, a histogram of `|x|`.
struct TensorStatistics: Hashable, Sendable {
    private(set) var minimum = Float.infinity
    private(set) var maximum = -Float.infinity
    private(set) var histogram: AbsoluteHistogram?

    init(withHistogram: Bool) {
        histogram = withHistogram ? AbsoluteHistogram() : nil
    }

    /// Takes in the finite elements of `values`, in order: exactly what folding `min` and `max`
    /// over them one by one gives, signed zeros included (`min` keeps the first of equal values,
    /// `max` takes the last).
    mutating func add(_ values: [Float]) {
        let (smallest, largest) = Self.finiteExtremes(values)
        if smallest < minimum { minimum = smallest == 0 ? Self.firstZero(values) : smallest }
        if largest >= maximum { maximum = largest == 0 ? Self.lastZero(values) : largest }
        histogram?.add(values)
    }

    /// The range `method` selects; `nil` before any finite value was seen.
    func range(_ method: CalibrationMethod) -> ClosedRange<Float>? {
        guard minimum <= maximum else { return nil }
        let threshold: Float
        switch (method, histogram) {
        case (.percentile(let percent), let histogram?): threshold = histogram.percentile(percent)
        case (.entropy, let histogram?): threshold = EntropyCalibration.threshold(counts: histogram.counts, binWidth: histogram.binWidth)
        case (.meanSquaredError, let histogram?):
            threshold = MeanSquaredErrorCalibration.threshold(counts: histogram.counts, binWidth: histogram.binWidth,
                                                              minimum: minimum, maximum: maximum)
        case (.minMax, _), (.percentile, nil), (.entropy, nil), (.meanSquaredError, nil): return minimum...maximum
        }
        let low = max(minimum, -threshold), high = min(maximum, threshold)
        return min(low, high)...high
    }
}
