/// How an integer division by a power of two rounds, named as swift-numerics' `RoundingRule`
/// names them. The integer path uses the two below; the float-to-integer roundings (ONNX's
/// `QuantizeLinear` ties to even, parameters away from zero) are Swift's `FloatingPointRoundingRule`.
public enum RoundingRule: Hashable, Sendable {
    /// Toward −∞: an arithmetic right shift (the VGG16 CU's 16-bit scale).
    case down
    /// To the nearest, ties toward +∞ (`FixedPointArithmetic.roundingShift`: multipliers, shifts,
    /// pooling reciprocals, sums and the piecewise-linear sigmoid).
    case toNearestOrUp
}
