import Foundation
import IR

/// The DE1-SoC sigmoid on Q10 fixed point: 32 equal segments on [0, 8] (width 1/4, i.e. 256 Q10
/// steps), linear interpolation between knots, symmetry `σ(−x) = 1 − σ(x)` for negative inputs and
/// 1 beyond 8.
public enum PiecewiseLinearSigmoid {
    /// Q10 steps per segment.
    package static let segmentSteps: Int64 = 256
    /// Segments on [0, 8].
    package static let segments = 32

    /// `round(σ(i / 4) × 2^10)` for `i` in `0...32`, rounding half away from zero.
    public static var knots: [Int32] {
        (0...segments).map { index in
            Int32((1024 / (1 + exp(-Double(index) / 4))).rounded(.toNearestOrAwayFromZero))
        }
    }

    /// The sigmoid of the Q10 value `x` with `knots`: for `a = min(|x|, 8 · 2^10)` and
    /// `i = min(a >> 8, 31)`, `y⁺ = knots[i] + floor(((knots[i+1] − knots[i]) × (a − 256 i) + 128) / 256)`
    /// (interpolation rounding half up); the result is `y⁺` for `x ≥ 0`, else `2^10 − y⁺`.
    public static func evaluate(_ x: Int32, knots: [Int32]) -> Int32 {
        let magnitude = min(Int64(x.magnitude), Int64(segments) * segmentSteps)
        let index = Int(min(magnitude / segmentSteps, Int64(segments - 1)))
        let offset = magnitude - Int64(index) * segmentSteps
        let rise = Int64(knots[index + 1]) - Int64(knots[index])
        let positive = Int64(knots[index]) + FixedPointArithmetic.roundingShift(rise * offset, by: 8)
        return Int32(x < 0 ? 1024 - positive : positive)
    }
}
