import Foundation
import IR

/// A non-negative real multiplier as a 31-bit integer and a right shift:
/// `real ≈ multiplier / 2^shift`. Normalised so that `multiplier` lies in `[2^30, 2^31)` (31
/// significant bits), except that tiny reals below `2^−32` keep `shift = 62` with a smaller
/// multiplier, and zero is `0 / 2^0`.
public struct FixedPointMultiplier: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The largest right shift: `|x × multiplier| < 2^62` for int32 `x`, so 62 keeps the rounding
    /// bit inside Int64.
    public static let maximumShift = 62

    /// The integer multiplier, at most `2^31 − 1`.
    public var multiplier: Int32
    /// The right shift, `0...maximumShift`.
    public var shift: Int

    public init(multiplier: Int32, shift: Int) {
        precondition(multiplier >= 0 && (0...Self.maximumShift).contains(shift),
                     "multiplier \(multiplier) / 2^\(shift) out of range")
        self.multiplier = multiplier
        self.shift = shift
    }

    /// The closest multiplier to `real` (rounded half away from zero in 31 bits), or `nil` when
    /// `real` is negative, not finite, or too large for a non-negative shift (`real ≥ 2^31 − 1/2`).
    public init?(approximating real: Double) {
        guard real.isFinite, real >= 0 else { return nil }
        guard real > 0 else {
            self.init(multiplier: 0, shift: 0)
            return
        }
        var shift = 30 - Int(real.exponent)
        var scaled = (real * pow(2, Double(shift))).rounded(.toNearestOrAwayFromZero)
        if scaled == 0x1p31 {
            scaled /= 2
            shift -= 1
        }
        if shift > Self.maximumShift {
            shift = Self.maximumShift
            scaled = (real * 0x1p62).rounded(.toNearestOrAwayFromZero)
        }
        guard shift >= 0 else { return nil }
        self.init(multiplier: Int32(scaled), shift: shift)
    }

    /// The real value this multiplier stands for.
    public var realValue: Double { Double(multiplier) / pow(2, Double(shift)) }

    /// `floor(x × multiplier / 2^shift + 1/2)`: the product in Int64 (exact, `|x × m| < 2^62`), then
    /// `FixedPointArithmetic.roundingShift`, so ties round up (toward +∞).
    public func apply(_ x: Int32) -> Int64 {
        FixedPointArithmetic.roundingShift(Int64(x) * Int64(multiplier), by: shift)
    }

    /// `m/2^s`.
    public var description: String { "\(multiplier)/2^\(shift)" }
}
