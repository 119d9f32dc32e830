import IR

/// The integer primitives every arithmetic mode is built from. Each is defined for all inputs
/// without overflow, so that the runtime and RTL can reproduce it exactly.
public enum FixedPointArithmetic {
    /// `floor(x / 2^shift + 1/2)`: division by a power of two rounding half up (toward +∞), computed
    /// as `(x >> shift) + bit (shift − 1) of x`, which cannot overflow. A `shift` of 0 returns `x`;
    /// a negative `shift` multiplies by `2^−shift`, saturating to Int64. `shift` must be at most 63.
    public static func roundingShift(_ x: Int64, by shift: Int) -> Int64 {
        precondition(shift <= 63, "shift \(shift) exceeds 63")
        if shift == 0 { return x }
        if shift < 0 { return saturatingLeftShift(x, by: -shift) }
        return (x >> shift) + ((x >> (shift - 1)) & 1)
    }

    /// `x / 2^shift` rounded by `rule`; a negative `shift` multiplies by `2^−shift`, saturating to
    /// Int64. `shift` must be at most 63.
    public static func shifted(_ x: Int64, rightBy shift: Int, rounding rule: RoundingRule) -> Int64 {
        switch rule {
        case .toNearestOrUp:
            return roundingShift(x, by: shift)
        case .down:
            precondition(shift <= 63, "shift \(shift) exceeds 63")
            return shift < 0 ? saturatingLeftShift(x, by: -shift) : x >> shift
        }
    }

    /// `x × 2^shift`, saturated to Int64.
    public static func saturatingLeftShift(_ x: Int64, by shift: Int) -> Int64 {
        guard x != 0 else { return 0 }
        guard shift < 63, x.magnitude <= UInt64(Int64.max) >> shift else { return x < 0 ? .min : .max }
        return x << shift
    }

    /// `x` clamped to `range`.
    public static func clamp(_ x: Int64, to range: ClosedRange<Int32>) -> Int32 {
        Int32(min(max(x, Int64(range.lowerBound)), Int64(range.upperBound)))
    }

    /// `x` saturated to the int32 range.
    public static func saturateInt32(_ x: Int64) -> Int64 {
        min(max(x, Int64(Int32.min)), Int64(Int32.max))
    }
}
