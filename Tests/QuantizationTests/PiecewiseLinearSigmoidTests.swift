import Foundation
@testable import IR
import Testing
@testable import Quantization

@Suite("PiecewiseLinearSigmoid")
struct PiecewiseLinearSigmoidTests {
    @Test func knotsAreTheRoundedSigmoidAtQuarterSteps() {
        let knots = PiecewiseLinearSigmoid.knots
        #expect(knots.count == 33)
        #expect(knots[0] == 512)
        #expect(knots[4] == 749)  // σ(1) × 1024 = 748.6
        #expect(knots[32] == 1024)  // σ(8) × 1024 = 1023.66
    }

    @Test func followsTheSegmentFormulaAndSymmetry() {
        let knots = PiecewiseLinearSigmoid.knots
        for x in stride(from: Int32(-9000), through: 9000, by: 7) {
            let magnitude = min(Int64(abs(x)), 8192)
            let index = Int(min(magnitude / 256, 31))
            let offset = magnitude - Int64(index) * 256
            let positive = Int64(knots[index]) + QuantizationTestSupport.floorDivide(
                (Int64(knots[index + 1]) - Int64(knots[index])) * offset + 128, 256)
            let expected = x < 0 ? 1024 - positive : positive
            #expect(Int64(PiecewiseLinearSigmoid.evaluate(x, knots: knots)) == expected, "x = \(x)")
        }
    }

    @Test func staysWithinTwoThousandthsOfTheSigmoid() {
        let knots = PiecewiseLinearSigmoid.knots
        let worst = stride(from: Int32(-16384), through: 16383, by: 3).map { x -> Double in
            let real = 1 / (1 + exp(-Double(x) / 1024))
            return abs(Double(PiecewiseLinearSigmoid.evaluate(x, knots: knots)) / 1024 - real)
        }.max() ?? 1
        // Chord error ≤ h²/8 · max|σ''| ≈ 0.00075 with h = 1/4, plus half a Q10 step for the knots
        // and the interpolation rounding.
        #expect(worst < 0.002)
    }
}
