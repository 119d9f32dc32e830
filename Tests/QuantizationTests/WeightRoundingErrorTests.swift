import IR
import Testing
@testable import Quantization

/// Bias correction's per-channel sums against the formula written out naively, with the input
/// channel and tap of each weight divided out of its index.
@Suite struct WeightRoundingErrorTests {
    /// `Σ_k (q[m, k] s_w[m] − w[m, k]) μ[c(k)] f(k)` for every channel, index by index.
    static func naive(floats: [Float], levels: [Int8], channels: Int, group: Int, taps: Int, scales: [Float], means: [Float],
                      coverage: [Double]) -> [Double] {
        let perChannel = floats.count / channels, groupInputs = perChannel / taps
        return (0..<channels).map { channel in
            let scale = Double(scales[scales.count == 1 ? 0 : channel])
            let firstInput = channel / (channels / group) * groupInputs
            var error = 0.0
            for index in 0..<perChannel {
                let offset = channel * perChannel + index
                error += (Double(levels[offset]) * scale - Double(floats[offset])) * Double(means[firstInput + index / taps])
                    * coverage[index % taps]
            }
            return error
        }
    }

    @Test(arguments: [(channels: 6, group: 1, taps: 9, inputs: 4), (channels: 6, group: 2, taps: 9, inputs: 3),
                      (channels: 5, group: 1, taps: 1, inputs: 40), (channels: 8, group: 8, taps: 25, inputs: 1)])
    func matchesTheNaiveSum(_ shape: (channels: Int, group: Int, taps: Int, inputs: Int)) {
        var generator = SeededGenerator(seed: UInt64(shape.channels * 1000 + shape.taps))
        let count = shape.channels * shape.inputs * shape.taps
        let floats = (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
        let scales = (0..<shape.channels).map { _ in Float.random(in: 0.001...0.01, using: &generator) }
        let levels = floats.indices.map { Int8(clamping: Int((floats[$0] / scales[$0 / (count / shape.channels)]).rounded())) }
        let means = (0..<(shape.inputs * shape.group)).map { _ in Float.random(in: -2...2, using: &generator) }
        let coverage = (0..<shape.taps).map { _ in Double.random(in: 0.5...1, using: &generator) }
        let rows = WeightRoundingError(floats: floats, channels: shape.channels, perChannel: count / shape.channels, taps: shape.taps,
                                       groupInputs: shape.inputs, channelsPerGroup: shape.channels / shape.group)
        let expected = Self.naive(floats: floats, levels: levels, channels: shape.channels, group: shape.group, taps: shape.taps,
                                  scales: scales, means: means, coverage: coverage)
        #expect(rows.perChannel(levels, scales: scales, means: means, coverage: coverage) == expected)
        #expect(rows.perChannel(levels, scales: [scales[0]], means: means, coverage: coverage)
            == Self.naive(floats: floats, levels: levels, channels: shape.channels, group: shape.group, taps: shape.taps,
                          scales: [scales[0]], means: means, coverage: coverage))
    }
}
