import Testing
@testable import Quantization

/// The share of output positions at which each tap of a window reads the input, not the padding.
struct QuantizedWindowCoverageTests {
    @Test func fiveByFiveWindowOnASevenBySevenPlane() {
        // Padding 2: along an axis, taps 0…4 read inside at 5, 6, 7, 6, 5 of the 7 output positions.
        let window = QuantizedWindow(kernel: [5, 5], strides: [1, 1], dilations: [1, 1], pads: [2, 2, 2, 2], inputSize: [7, 7],
                                     outputSize: [7, 7])
        let axis: [Double] = [5, 6, 7, 6, 5].map { $0 / 7 }
        let coverage = window.tapCoverage
        #expect(coverage.count == 25)
        for (index, share) in coverage.enumerated() {
            #expect(abs(share - axis[index / 5] * axis[index % 5]) < 1e-12)
        }
    }

    @Test func stridedWindowCountsOnlyTheOutputsItProduces() {
        // 3 taps, stride 2, padding 1 on a 4-wide row (outputs 0, 1 read 2o − 1 + tap): tap 0 reads −1
        // and 1, tap 1 reads 0 and 2, tap 2 reads 1 and 3. One row: coverage [1/2, 1, 1].
        let window = QuantizedWindow(kernel: [1, 3], strides: [1, 2], dilations: [1, 1], pads: [0, 1, 0, 0], inputSize: [1, 4],
                                     outputSize: [1, 2])
        #expect(window.tapCoverage == [0.5, 1, 1])
    }

    @Test func pointwiseWindowAlwaysReadsTheInput() {
        #expect(QuantizedWindow.pointwise.tapCoverage == [1])
    }
}
