@testable import IR
@testable import Calibration
import Testing

@Suite("EntropyCalibration")
struct EntropyCalibrationTests {
    @Test func fewBinsKeepTheWholeRange() {
        var counts = [Double](repeating: 0, count: 2048)
        for index in 0..<100 { counts[index] = 1 }
        #expect(EntropyCalibration.threshold(counts: counts, binWidth: 0.5) == 50)
    }

    @Test func divergenceIsZeroWhenQuantizationLosesNothing() {
        // 128 non-empty bins kept whole: each group is one bin, so Q equals P.
        var counts = [Double](repeating: 0, count: 2048)
        for index in 0..<128 { counts[index] = Double(index % 5 + 1) }
        #expect(abs(EntropyCalibration.klDivergence(counts: counts, bins: 128, used: 128)) < 1e-12)
    }

    @Test func aFarOutlierIsClipped() {
        var counts = [Double](repeating: 0, count: 2048)
        for index in 0..<256 { counts[index] = 1000 - Double(index) * 3 }
        counts[2047] = 1
        let threshold = EntropyCalibration.threshold(counts: counts, binWidth: 1)
        #expect(threshold < 1024)
        #expect(threshold >= 200)
    }
}
