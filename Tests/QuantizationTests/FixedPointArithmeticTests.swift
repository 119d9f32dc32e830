@testable import IR
import Testing
@testable import Quantization

@Suite("FixedPointArithmetic")
struct FixedPointArithmeticTests {
    @Test(arguments: [(Int64(5), 1, Int64(3)), (-5, 1, -2), (3, 1, 2), (-3, 1, -1), (-6, 2, -1), (6, 2, 2), (-7, 2, -2),
                      (7, 0, 7), (1, 1, 1), (-1, 1, 0), (Int64.max, 62, 2), (Int64.min, 62, -2), (Int64.min, 63, -1)])
    func roundingShiftRoundsHalfUp(x: Int64, shift: Int, expected: Int64) {
        #expect(FixedPointArithmetic.roundingShift(x, by: shift) == expected)
    }

    @Test func roundingShiftMatchesFloorDivisionEverywhere() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<5000 {
            let x = Int64.random(in: -(1 << 61)...(1 << 61), using: &generator)
            let shift = Int.random(in: 0...61, using: &generator)
            #expect(FixedPointArithmetic.roundingShift(x, by: shift) == QuantizationTestSupport.roundHalfUp(x, shift: shift))
        }
    }

    @Test func negativeShiftsMultiplyAndSaturate() {
        #expect(FixedPointArithmetic.roundingShift(-3, by: -4) == -48)
        #expect(FixedPointArithmetic.roundingShift(1 << 40, by: -30) == Int64.max)
        #expect(FixedPointArithmetic.roundingShift(-(1 << 40), by: -30) == Int64.min)
        #expect(FixedPointArithmetic.saturatingLeftShift(0, by: 70) == 0)
    }

    @Test func clampAndSaturate() {
        #expect(FixedPointArithmetic.clamp(300, to: -128...127) == 127)
        #expect(FixedPointArithmetic.clamp(-300, to: -128...127) == -128)
        #expect(FixedPointArithmetic.saturateInt32(Int64(Int32.max) + 1) == Int64(Int32.max))
        #expect(FixedPointArithmetic.saturateInt32(Int64(Int32.min) - 1) == Int64(Int32.min))
    }

    /// Each rule against the division it names, on ties and non-ties of both signs.
    @Test(arguments: [(Int64(5), 1, Int64(2), Int64(3)), (-5, 1, -3, -2), (-7, 2, -2, -2), (-6, 2, -2, -1), (7, 2, 1, 2), (9, 0, 9, 9)])
    func shiftedRoundsByTheRule(x: Int64, shift: Int, down: Int64, toNearestOrUp: Int64) {
        #expect(FixedPointArithmetic.shifted(x, rightBy: shift, rounding: .down) == down)
        #expect(FixedPointArithmetic.shifted(x, rightBy: shift, rounding: .toNearestOrUp) == toNearestOrUp)
    }

    /// A negative shift multiplies, saturating, whatever the rule.
    @Test func shiftedLeftSaturates() {
        for rule in [RoundingRule.down, .toNearestOrUp] {
            #expect(FixedPointArithmetic.shifted(-3, rightBy: -2, rounding: rule) == -12)
            #expect(FixedPointArithmetic.shifted(Int64.max / 2, rightBy: -2, rounding: rule) == .max)
        }
    }

    /// The CU's scale floors (−2.5 → −3), the shift rounds half up (−2.5 → −2).
    @Test func requantizationRoundsByItsRule() {
        #expect(Requantization.cuScale(32768).rounding == .down)
        #expect(Requantization.cuScale(32768).apply(-5, channel: 0) == -3)
        #expect(Requantization.shift(1).rounding == .toNearestOrUp)
        #expect(Requantization.shift(1).apply(-5, channel: 0) == -2)
    }
}
