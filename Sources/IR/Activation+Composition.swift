extension Activation {
    /// The interval the activation clamps to (`[0, +inf]` for ReLU), or `nil` for a clip whose
    /// bounds are unordered or NaN.
    package var bounds: ClosedRange<Float>? {
        switch self {
        case .relu: return 0...Float.infinity
        case .clip(let low, let high): return low <= high ? low...high : nil
        }
    }

    /// The activation that clamps to `bounds`: ReLU for `[0, +inf]`, otherwise a clip.
    package init(bounds: ClosedRange<Float>) {
        self = bounds == 0...Float.infinity ? .relu : .clip(min: bounds.lowerBound, max: bounds.upperBound)
    }

    /// The single activation equal to applying `self` and then `next`, or `nil` when there is none:
    /// two clamps compose into the clamp to the intersection of their intervals; disjoint intervals
    /// (a constant output) and malformed clips do not compose.
    package func followed(by next: Activation) -> Activation? {
        guard let first = bounds, let second = next.bounds, first.overlaps(second) else { return nil }
        return Activation(bounds: first.clamped(to: second))
    }
}
