/// What the scores of an output are.
public enum ScoreKind: String, Hashable, Sendable, Encodable {
    /// The host softmax ran on the dequantized outputs.
    case probability
    /// The dequantized outputs themselves (the model has no final softmax).
    case dequantized
}
