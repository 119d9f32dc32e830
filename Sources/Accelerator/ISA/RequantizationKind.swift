/// How `POST` scales an accumulator (2 bits). Each channel's parameter record holds
/// `bias, multiplier, shift` as three little-endian int32.
public enum RequantizationKind: Int, Hashable, Sendable, Codable, CaseIterable, FieldRepresentable {
    /// `roundingShift(a × multiplier, shift)` (modes `default`, `pow2-weights`).
    case multiplier = 0
    /// `roundingShift(a, shift)`; a negative shift is a saturating left shift (`dynamic-fixed-point`,
    /// `de1soc-q10`).
    case shift = 1
    /// `floor(a × multiplier / 2^16)` (`vgg16-cu`).
    case cuScale = 2
}
