import Foundation
import IR
@testable import Quantization
import Testing

@Suite struct ArithmeticModeParametersTests {
    /// The symmetric int8 level the modes document, written out: `clamp(round_half_away(w / s), ±127)`.
    static func naiveLevel(_ w: Float, scale: Double) -> Int8 {
        Int8(min(max((Double(w) / scale).rounded(.toNearestOrAwayFromZero), -127), 127))
    }

    static func randomWeight(channels: Int, perChannel: Int, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let values = (0..<(channels * perChannel)).map { _ in Float.random(in: -3...3, using: &generator) }
        return Tensor(shape: [channels, perChannel], floats: values)
    }

    /// A channel whose largest magnitude is 127 has scale exactly 1, so its ties are exact halves:
    /// they round away from zero, and a value just below a half rounds down.
    @Test func tiesRoundAwayFromZero() {
        let weight = Tensor(shape: [1, 9], floats: [127, 2.5, -2.5, 0.5, -0.5, 126.5, 0.49999997, -1.5, -126.5])
        let (data, scales, _) = ArithmeticMode.standard.quantizeWeights(weight, granularity: .perChannel)
        #expect(scales == [1])
        #expect(data == .int8([127, 3, -3, 1, -1, 127, 0, -2, -127]))
    }

    /// Many channels (shared out over the processors) give the levels of the naive formula, per
    /// channel and per tensor.
    @Test(arguments: [QuantizationOptions.WeightGranularity.perChannel, .perTensor])
    func int8WeightsAreTheNaiveLevels(granularity: QuantizationOptions.WeightGranularity) {
        let weight = Self.randomWeight(channels: 67, perChannel: 45, seed: 3)
        let (data, _, _) = ArithmeticMode.standard.quantizeWeights(weight, granularity: granularity)
        let values = weight.floats
        let magnitude = { (range: Range<Int>) in Double(values[range].map(abs).max() ?? 0) }
        let expected = (0..<values.count).map { index -> Int8 in
            let range = granularity == .perChannel ? (index / 45 * 45)..<(index / 45 * 45 + 45) : 0..<values.count
            return Self.naiveLevel(values[index], scale: magnitude(range) / 127)
        }
        #expect(data == .int8(expected))
    }

    /// `weightSums` gives the scales `quantizeWeights` gives and each channel's sum of the stored
    /// values and of their magnitudes, and `quantizeWeights` the same sums, in every mode, with
    /// raised minimum scales too.
    @Test(arguments: ArithmeticMode.allCases)
    func weightSumsSumTheStoredWeights(mode: ArithmeticMode) {
        let weight = Self.randomWeight(channels: 9, perChannel: 31, seed: 5)
        let minimumScales = (0..<9).map { $0 % 3 == 0 ? 0.2 : 0 }
        let (data, scales, sums) = mode.quantizeWeights(weight, granularity: .perChannel, minimumScales: minimumScales)
        let stored: [Int64]
        switch data {
        case .int8(let values): stored = values.map(Int64.init)
        case .int32(let values): stored = values.map(Int64.init)
        case .float32, .uint8, .int64, .bool: stored = []
        }
        let summary = mode.weightSums(weight, granularity: .perChannel, minimumScales: minimumScales)
        #expect(summary.scales == scales)
        #expect(summary.sums == (0..<9).map { stored[($0 * 31)..<($0 * 31 + 31)].reduce(0, +) })
        #expect(summary.magnitudes == (0..<9).map { stored[($0 * 31)..<($0 * 31 + 31)].reduce(0) { $0 + abs($1) } })
        #expect(sums == summary.sums)
    }
}
