@testable import Calibration
import IR
import Testing

@Suite struct TensorStatisticsTests {
    /// The reference: `Swift.min` and `Swift.max` folded over every finite value in order.
    static func folded(_ batches: [[Float]]) -> (minimum: Float, maximum: Float) {
        var minimum = Float.infinity, maximum = -Float.infinity
        for batch in batches {
            for value in batch where value.isFinite {
                minimum = Swift.min(minimum, value)
                maximum = Swift.max(maximum, value)
            }
        }
        return (minimum, maximum)
    }

    static func accumulated(_ batches: [[Float]]) -> TensorStatistics {
        var statistics = TensorStatistics(withHistogram: false)
        for batch in batches { statistics.add(batch) }
        return statistics
    }

    /// Random batches of every length around the 16 lanes, with signed zeros, NaN and infinities
    /// strewn in: the extremes are the folded ones bit for bit (a zero keeps the sign the fold gives).
    @Test func extremesAreTheFoldedOnesBitForBit() {
        var generator = SeededGenerator(seed: 12)
        let specials: [Float] = [0, -0.0, .nan, .infinity, -.infinity]
        for trial in 0..<200 {
            let batches = (0..<(1 + trial % 3)).map { _ in
                (0..<Int.random(in: 0...40, using: &generator)).map { _ -> Float in
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: return specials[Int.random(in: 0..<specials.count, using: &generator)]
                    case 1: return Float.random(in: -4...0, using: &generator)
                    default: return Float.random(in: 0...4, using: &generator)
                    }
                }
            }
            let statistics = Self.accumulated(batches), reference = Self.folded(batches)
            #expect(statistics.minimum.bitPattern == reference.minimum.bitPattern, "\(batches)")
            #expect(statistics.maximum.bitPattern == reference.maximum.bitPattern, "\(batches)")
        }
    }

    /// A ReLU output's floor is the first zero seen; the ceiling of values that never exceed zero is
    /// the last zero seen.
    @Test func zerosTakeTheSignTheFoldGives() {
        let relu = Self.accumulated([[3, -0.0] + Array(repeating: 0, count: 20), [0, 1]])
        #expect(relu.minimum.sign == .minus && relu.minimum == 0)
        let nonPositive = Self.accumulated([[-1, 0] + Array(repeating: -2, count: 17) + [-0.0, -3]])
        #expect(nonPositive.maximum.sign == .minus && nonPositive.maximum == 0)
    }

    @Test func onlyNonFiniteValuesGiveNoRange() {
        let statistics = Self.accumulated([[.nan, .infinity, -.infinity], Array(repeating: .nan, count: 33)])
        #expect(statistics.range(.minMax) == nil)
        #expect(Self.accumulated([[.nan] + Array(repeating: 2, count: 16) + [-.infinity, -1]]).range(.minMax) == -1...2)
    }
}
