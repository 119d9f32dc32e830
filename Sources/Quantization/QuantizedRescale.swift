import IR

/// How `add` and `concat` bring an input to the output scale: `(q − zeroPoint) × multiplier`, summed
/// over the inputs (add) and then divided by `2^shift` rounding half up.
public struct QuantizedRescale: Hashable, Sendable, Codable {
    public var zeroPoint: Int32
    /// At most `2^31`; approximates `inputScale / outputScale × 2^shift`.
    public var multiplier: Int64

    public init(zeroPoint: Int32, multiplier: Int64) {
        self.zeroPoint = zeroPoint
        self.multiplier = multiplier
    }
}
