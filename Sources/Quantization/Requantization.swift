import IR

/// How a layer turns its accumulator into the output scale, before the output zero point is added
/// and the result clamped. Which case a layer carries follows from the graph's `ArithmeticMode`.
public enum Requantization: Hashable, Sendable, Codable {
    /// `FixedPointMultiplier.apply` with one multiplier per output channel, or one for all
    /// (`default`, `pow2-weights`; rounding half up).
    case multiplier([FixedPointMultiplier])
    /// `FixedPointArithmetic.roundingShift(acc, by: shift)`: a right shift rounding half up, or for
    /// a negative shift a saturating left shift (`dynamic-fixed-point`, `de1soc-q10`).
    case shift(Int)
    /// `floor(acc × scale / 2^16)`, an arithmetic right shift of the product by 16 with an unsigned
    /// 16-bit per-layer `scale` (`vgg16-cu`).
    case cuScale(Int32)

    /// The largest scale `cuScale` holds.
    public static let maximumCUScale: Int32 = 65535

    /// How its final shift rounds: half up for multipliers and shifts, down for the CU's scale.
    public var rounding: RoundingRule {
        switch self {
        case .multiplier, .shift: .toNearestOrUp
        case .cuScale: .down
        }
    }

    /// The requantized accumulator of output channel `channel`, before the zero point and clamp.
    /// `acc` is the int32-saturated accumulator (for `shift`, any Int64).
    public func apply(_ acc: Int64, channel: Int) -> Int64 {
        switch self {
        case .multiplier(let multipliers):
            let multiplier = multipliers.count == 1 ? multipliers[0] : multipliers[channel]
            return multiplier.apply(Int32(FixedPointArithmetic.saturateInt32(acc)))
        case .shift(let shift):
            return FixedPointArithmetic.shifted(acc, rightBy: shift, rounding: rounding)
        case .cuScale(let scale):
            return FixedPointArithmetic.shifted(FixedPointArithmetic.saturateInt32(acc) * Int64(scale), rightBy: 16, rounding: rounding)
        }
    }
}
