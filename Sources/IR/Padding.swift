/// How a convolution or pooling window pads its input, as ONNX `auto_pad` and `pads` express it.
public enum Padding: Hashable, Sendable, CustomStringConvertible {
    /// Explicit pads in ONNX order: the begin of every spatial axis, then the end of every spatial
    /// axis (`[top, left, bottom, right]` in 2-D).
    case explicit([Int])
    /// `SAME_UPPER`: output = ceil(input / stride); an odd total puts the extra pad at the end.
    case sameUpper
    /// `SAME_LOWER`: as `sameUpper`, but the extra pad goes at the beginning.
    case sameLower
    /// `VALID`: no padding.
    case valid

    public var description: String {
        switch self {
        case .explicit(let pads): return "[" + pads.map(String.init).joined(separator: ",") + "]"
        case .sameUpper: return "same_upper"
        case .sameLower: return "same_lower"
        case .valid: return "valid"
        }
    }
}
