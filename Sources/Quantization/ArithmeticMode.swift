import IR

/// The integer arithmetic a quantized graph is computed in. Each mode is defined exactly by
/// `IntegerInterpreter` and documented in docs/NUMERICS.md; the quantizer derives the parameters
/// each mode needs (scales, multipliers, shifts) from the float graph.
public enum ArithmeticMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// int8 activations (asymmetric, zero point folded into the bias), int8 symmetric weights per
    /// output channel, int32 bias and accumulator, requantization by a 31-bit multiplier and a
    /// right shift rounding half up.
    case standard = "default"
    /// The VGG16 capstone's convolution units: symmetric int8 activations and per-layer weights,
    /// products saturated to int16, output `clamp((acc × scale) >> 16, −128, 127)` with a per-layer
    /// unsigned 16-bit scale and a flooring shift.
    case vgg16CU = "vgg16-cu"
    /// The DE1-SoC LeNet's 20-bit fixed point with 10 fraction bits, stored in int32 tensors, every
    /// value clipped to [−16, 16) and sigmoid by a 32-segment piecewise-linear curve on [0, 8].
    case de1socQ10 = "de1soc-q10"
    /// Dynamic fixed point: a power-of-two scale per value and per layer's weights, zero points 0,
    /// requantization by a rounding shift only.
    case dynamicFixedPoint = "dynamic-fixed-point"
    /// As `standard`, but every weight is 0 or ±2^k (k in 0...6), so each multiply is a shift.
    case pow2Weights = "pow2-weights"

    /// Fraction bits of the `de1socQ10` fixed-point format.
    public static let q10FractionBits = 10

    /// The integers a stored value may take: int8 for the 8-bit modes; for `de1socQ10` the 20-bit
    /// values clipped at ±16, i.e. `[-16 · 2^10, 16 · 2^10 − 1]`.
    public var storageRange: ClosedRange<Int32> {
        switch self {
        case .de1socQ10: return -16384...16383
        case .standard, .vgg16CU, .dynamicFixedPoint, .pow2Weights: return -128...127
        }
    }

    /// The element type values of this mode are stored as: int8, or int32 for `de1socQ10`.
    public var storageType: DataType { self == .de1socQ10 ? .int32 : .int8 }

    /// Whether activations carry a zero point (asymmetric); otherwise every zero point is 0.
    public var usesZeroPoints: Bool { self == .standard || self == .pow2Weights }

    /// Whether every scale is a power of two.
    public var usesPowerOfTwoScales: Bool { self == .dynamicFixedPoint || self == .de1socQ10 }

    /// Whether the accumulator saturates to int32 (every 8-bit mode); `de1socQ10` accumulates
    /// exactly in 64 bits.
    package var saturatesAccumulator: Bool { self != .de1socQ10 }
}
