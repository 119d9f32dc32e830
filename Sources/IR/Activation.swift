/// An elementwise activation fused into the output of a convolution or fully-connected layer.
/// On the accelerator it becomes the post-processing clamp.
public enum Activation: Hashable, Sendable, CustomStringConvertible {
    /// `max(x, 0)`.
    case relu
    /// `min(max(x, min), max)`; ReLU6 is `clip(0, 6)`.
    case clip(min: Float, max: Float)

    public var description: String {
        switch self {
        case .relu: return "relu"
        case .clip(let low, let high): return "clip(\(low), \(high))"
        }
    }
}
