import Testing
import VGGCKit

@Suite struct ExactSumTests {
    /// 1e16 + 1 - 1e16 is 0 in doubles, 1 exactly.
    @Test func addsWithoutRounding() {
        var sum = ExactSum()
        for value in [1e16, 1, -1e16] { sum.add(value) }
        #expect(sum.value == 1)
        #expect(sum.exactText == "0x1p0")
    }

    /// Any order and grouping of the same values gives the same sum.
    @Test func orderDoesNotMatter() {
        let values: [Double] = (0..<200).map { k in
            let spread: Double = Double(k % 7 - 3) * 1.1e-3 * Double(k * k + 1)
            return spread + 1 / Double(k + 1)
        }
        var forward = ExactSum(), backward = ExactSum(), left = ExactSum(), right = ExactSum()
        for value in values { forward.add(value) }
        for value in values.reversed() { backward.add(value) }
        for value in values.prefix(77) { left.add(value) }
        for value in values.dropFirst(77) { right.add(value) }
        left.add(right)
        #expect(forward == backward && forward == left)
        #expect(abs(forward.value - values.reduce(0, +)) < 1e-9)
    }

    /// The sum rounds to the nearest double: 1 + 2^-53 + 2^-60 is just above the halfway point.
    @Test func roundsToNearest() {
        var sum = ExactSum()
        for value in [1, 0x1p-53, 0x1p-60] { sum.add(value) }
        #expect(sum.value == 1 + 0x1p-52)
        var tie = ExactSum()
        for value in [1, 0x1p-53] { tie.add(value) }
        #expect(tie.value == 1, "ties go to even")
    }

    @Test func textRoundTripsSignsAndSmallValues() throws {
        for value in [0, -2.5, 0x1p-1074, 1.5e300, -3e-310, 0.1] {
            var sum = ExactSum()
            sum.add(value)
            let parsed = try #require(ExactSum(exactText: sum.exactText), "\(sum.exactText)")
            #expect(parsed == sum && parsed.value == value, "\(value): \(sum.exactText)")
        }
        var mixed = ExactSum()
        for value in [-2.5, 0.75] { mixed.add(value) }
        #expect(mixed.exactText == "-0x1cp-4")
        #expect(ExactSum(exactText: "0x1g") == nil && ExactSum(exactText: "1p0") == nil && ExactSum(exactText: "0x1p-2000") == nil)
    }
}
