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
        #expect(abs(EntropyCalibration.klDivergence(counts: counts, flattened: counts, bins: 128, used: 128)) < 1e-12)
    }

    @Test func aFarOutlierIsClipped() {
        var counts = [Double](repeating: 0, count: 2048)
        for index in 0..<256 { counts[index] = 1000 - Double(index) * 3 }
        counts[2047] = 1
        let threshold = EntropyCalibration.threshold(counts: counts, binWidth: 1)
        #expect(threshold < 1024)
        #expect(threshold >= 200)
    }

    @Test func atomsAreFlattenedToTheirNeighboursMedian() {
        // Bins 5 and 6 hold 1000 among neighbours of 10: each has one atom among its 8 neighbours,
        // whose median is 10, so both become 10. Bin 20 holds 30, three times its neighbours: kept.
        // Bin 40 holds 100 beside neighbours 1, 2, ..., 8 (median 4.5): 100 > 18, flattened to 4.5.
        var counts = [Double](repeating: 10, count: 64)
        counts[5] = 1000
        counts[6] = 1000
        counts[20] = 30
        for (offset, value) in [36, 37, 38, 39, 41, 42, 43, 44].enumerated() { counts[value] = Double(offset + 1) }
        counts[40] = 100
        let flattened = EntropyCalibration.flatteningAtoms(counts)
        #expect(flattened[5] == 10 && flattened[6] == 10)
        #expect(flattened[20] == 30)
        #expect(flattened[40] == 4.5)
        #expect(flattened.indices.filter { ![5, 6, 40].contains($0) }.allSatisfy { flattened[$0] == counts[$0] })
    }

    @Test func medianOfEvenAndOddCounts() {
        #expect(EntropyCalibration.median([3, 1, 2]) == 2)
        #expect(EntropyCalibration.median([4, 1, 3, 2]) == 2.5)
        #expect(EntropyCalibration.median([]) == 0)
    }

    @Test func anAtomDoesNotPullTheThresholdDown() {
        // A uniform magnitude over all 2048 bins, plus one value repeated 10^5 times in bin 5 (a
        // constant background's response). Nothing lies beyond the data, so the whole range is
        // kept; unflattened, the atom's smearing cost made the published search stop at 255 bins.
        var counts = [Double](repeating: 10, count: 2048)
        counts[5] = 100_000
        #expect(EntropyCalibration.threshold(counts: counts, binWidth: 1) == 2048)
        let published = (128...2048).min { bins, other in
            EntropyCalibration.klDivergence(counts: counts, flattened: counts, bins: bins, used: 2048)
                < EntropyCalibration.klDivergence(counts: counts, flattened: counts, bins: other, used: 2048)
        }
        #expect(published == 255)
    }
}
