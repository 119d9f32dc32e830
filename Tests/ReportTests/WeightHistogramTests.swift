import IR
import Runtime
import Testing
@testable import Report

@Suite struct WeightHistogramTests {
    @Test func int8WeightsFallInBinsOfFour() {
        let weights = Tensor(shape: [6], data: .int8([-128, -125, -124, 0, 127, 127]))
        let histogram = WeightHistogram(weights: weights)
        #expect(histogram.lowerBound == -128 && histogram.binWidth == 4)
        #expect(histogram.counts.count == 64)
        var expected = Array(repeating: 0, count: 64)
        expected[0] = 2
        expected[1] = 1
        expected[32] = 1
        expected[63] = 2
        #expect(histogram.counts == expected)
        #expect(histogram.range(ofBin: 32) == 0...3)
        #expect(histogram.total == 6)
    }

    @Test func widerWeightsSpanTheirOwnRange() {
        let histogram = WeightHistogram(weights: Tensor(shape: [3], data: .int32([-1000, 0, 1000])))
        // 2001 values in 64 bins of 32.
        #expect(histogram.lowerBound == -1000 && histogram.binWidth == 32)
        #expect(histogram.counts[0] == 1 && histogram.counts[31] == 1 && histogram.counts[62] == 1)
        #expect(histogram.total == 3)
    }
}
