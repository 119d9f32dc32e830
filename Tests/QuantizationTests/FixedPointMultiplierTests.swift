import Foundation
@testable import IR
import Testing
@testable import Quantization

@Suite("FixedPointMultiplier")
struct FixedPointMultiplierTests {
    @Test func derivationIsWithinHalfAUnitOfTheLastBit() throws {
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<10_000 {
            let real = pow(2, Double.random(in: -30...20, using: &generator))
            let multiplier = try #require(FixedPointMultiplier(approximating: real))
            #expect(multiplier.multiplier >= 1 << 30 && multiplier.multiplier < Int32.max || multiplier.multiplier == Int32.max)
            let error = abs(multiplier.realValue - real) / real
            #expect(error <= pow(2, -31), "real \(real) got \(multiplier)")
        }
    }

    @Test func exactPowersOfTwoAndEdges() throws {
        #expect(FixedPointMultiplier(approximating: 0.5) == FixedPointMultiplier(multiplier: 1 << 30, shift: 31))
        #expect(FixedPointMultiplier(approximating: 1) == FixedPointMultiplier(multiplier: 1 << 30, shift: 30))
        #expect(FixedPointMultiplier(approximating: 0) == FixedPointMultiplier(multiplier: 0, shift: 0))
        // Just below a power of two rounds up to 2^31, which renormalises to the next power.
        #expect(FixedPointMultiplier(approximating: 1 - 0x1p-40) == FixedPointMultiplier(multiplier: 1 << 30, shift: 30))
        // Tiny reals keep the maximum shift with a denormal multiplier.
        let tiny = try #require(FixedPointMultiplier(approximating: 0x1p-40))
        #expect(tiny == FixedPointMultiplier(multiplier: 1 << 22, shift: 62))
        #expect(FixedPointMultiplier(approximating: 0x1p-70) == FixedPointMultiplier(multiplier: 0, shift: 62))
        #expect(FixedPointMultiplier(approximating: -1) == nil)
        #expect(FixedPointMultiplier(approximating: .nan) == nil)
        #expect(FixedPointMultiplier(approximating: 0x1p31) == nil)
    }

    @Test func applyRoundsHalfUpIncludingTies() {
        // 0.5 as 2^30 / 2^31: x × 0.5 has exact ties for odd x.
        let half = FixedPointMultiplier(multiplier: 1 << 30, shift: 31)
        #expect(half.apply(5) == 3)
        #expect(half.apply(-5) == -2)
        #expect(half.apply(-1) == 0)
        #expect(half.apply(4) == 2)
    }

    @Test func applyMatchesTheReferenceAtInt32Extremes() {
        let extremes: [Int32] = [Int32.max, Int32.min, Int32.max - 1, Int32.min + 1, 0, 1, -1]
        let multipliers = [FixedPointMultiplier(multiplier: Int32.max, shift: 31), FixedPointMultiplier(multiplier: Int32.max, shift: 0),
                           FixedPointMultiplier(multiplier: 1 << 30, shift: 62), FixedPointMultiplier(multiplier: 1_518_500_250, shift: 40)]
        for multiplier in multipliers {
            for x in extremes {
                let expected = QuantizationTestSupport.roundHalfUp(Int64(x) * Int64(multiplier.multiplier), shift: multiplier.shift)
                #expect(multiplier.apply(x) == expected, "\(x) × \(multiplier)")
            }
        }
    }

    @Test func applyMatchesTheReferenceOnRandomValues() throws {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<5000 {
            let multiplier = try #require(FixedPointMultiplier(approximating: pow(2, Double.random(in: -20...4, using: &generator))))
            let x = Int32.random(in: Int32.min...Int32.max, using: &generator)
            #expect(multiplier.apply(x) == QuantizationTestSupport.roundHalfUp(Int64(x) * Int64(multiplier.multiplier), shift: multiplier.shift))
        }
    }
}
