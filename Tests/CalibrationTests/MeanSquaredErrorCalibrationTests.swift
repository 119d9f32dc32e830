@testable import Calibration
import Testing

@Suite("MeanSquaredErrorCalibration")
struct MeanSquaredErrorCalibrationTests {
    /// The error of threshold `t` computed directly, bin by bin: `Δ²/12` inside, `(x − t)²` beyond.
    static func naiveError(_ counts: [Double], width: Double, t: Double, minimum: Double, maximum: Double) -> Double {
        let step = (min(maximum, t) - max(minimum, -t)) / 255
        return counts.indices.reduce(0) { error, index in
            let centre = (Double(index) + 0.5) * width
            return error + counts[index] * (centre <= t ? step * step / 12 : (centre - t) * (centre - t))
        }
    }

    /// The bin edge of least `naiveError` (the first on ties), by trying every one.
    static func naiveThreshold(_ counts: [Double], width: Double, minimum: Double, maximum: Double) -> Double {
        let last = counts.lastIndex { $0 > 0 }!
        let edges = (1...(last + 1)).map { Double($0) * width }
        return edges.min { naiveError(counts, width: width, t: $0, minimum: minimum, maximum: maximum)
            < naiveError(counts, width: width, t: $1, minimum: minimum, maximum: maximum) }!
    }

    @Test func aFarOutlierIsClippedWhereTheErrorIsLeast() {
        // 10,000 values over the first 100 bins and one at bin 2047: spending 255 levels on the
        // outlier costs every value its rounding, clipping it costs (2047.5 − t)² once.
        var counts = [Double](repeating: 0, count: 2048)
        for index in 0..<100 { counts[index] = 100 }
        counts[2047] = 1
        let threshold = MeanSquaredErrorCalibration.threshold(counts: counts, binWidth: 1, minimum: 0, maximum: 2048)
        #expect(threshold < 2048)
        #expect(abs(Double(threshold) - Self.naiveThreshold(counts, width: 1, minimum: 0, maximum: 2048)) < 1e-9)
    }

    @Test func signedTensorsCountBothSidesInTheStep() {
        // Range [−1.5, 4]: for t = 2 the step is (2 + 1.5) / 255.
        let counts: [Double] = [5, 9, 3, 0, 1, 0, 0, 2]
        let threshold = MeanSquaredErrorCalibration.threshold(counts: counts, binWidth: 0.5, minimum: -1.5, maximum: 4)
        #expect(abs(Double(threshold) - Self.naiveThreshold(counts, width: 0.5, minimum: -1.5, maximum: 4)) < 1e-9)
    }

    @Test func anEmptyHistogramGivesZero() {
        #expect(MeanSquaredErrorCalibration.threshold(counts: [0, 0], binWidth: 1, minimum: 0, maximum: 0) == 0)
    }
}
