/// Attributes of ONNX `Gemm`: `Y = alpha * op(A) * op(B) + beta * C`, where `op` transposes when
/// the matching flag is set. Inputs: `A`, `B`, optional `C` (unidirectionally broadcast to `Y`).
public struct GemmAttributes: Hashable, Sendable {
    public var alpha: Float
    public var beta: Float
    public var transA: Bool
    public var transB: Bool

    public init(alpha: Float = 1, beta: Float = 1, transA: Bool = false, transB: Bool = false) {
        self.alpha = alpha
        self.beta = beta
        self.transA = transA
        self.transB = transB
    }
}
