@testable import IR
@testable import Calibration
import Testing

@Suite("AbsoluteHistogram")
struct AbsoluteHistogramTests {
    @Test func growsByMergingNeighbouringBins() {
        var histogram = AbsoluteHistogram()
        histogram.add([1, -0.25, 0.001])
        #expect(histogram.upper == 1)
        #expect(histogram.counts[2047] == 1 && histogram.counts[512] == 1 && histogram.counts[2] == 1)
        histogram.add([-3])
        #expect(histogram.upper == 4)
        #expect(histogram.total == 4)
        // 1 sat in the last bin of [0, 1]; after two doublings it is in bin 511 of [0, 4].
        #expect(histogram.counts[511] == 1 && histogram.counts[128] == 1 && histogram.counts[1536] == 1 && histogram.counts[0] == 1)
    }

    @Test func ignoresZerosAndNonFiniteValues() {
        var histogram = AbsoluteHistogram()
        histogram.add([.nan, .infinity, 0, -0.0, 2])
        #expect(histogram.total == 1 && histogram.upper == 2)
    }
}
