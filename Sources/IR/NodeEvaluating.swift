/// Something that evaluates single nodes on constant tensors: `Evaluator` here (every op but the
/// matrix products), or the Reference module's evaluator (every op). Constant folding takes one, so
/// that the IR module itself does not link BLAS.
public protocol NodeEvaluating: Sendable {
    /// Whether `evaluate` handles nodes of `op`.
    func canEvaluate(_ op: Op) -> Bool
    /// One tensor per output `node` defines, computed from `inputs` (`nil` for an omitted optional
    /// input). Errors name the node.
    func evaluate(_ node: Node, _ inputs: [Tensor?]) throws -> [Tensor]
    /// `evaluate(node, inputs)`, free to take tensors out of `inputs` (leaving `nil`) and compute an
    /// output in a taken tensor's storage; a caller that passes the only reference to a tensor
    /// (constant folding, at the tensor's last reader) lets that happen without a copy.
    func evaluate(_ node: Node, consuming inputs: inout [Tensor?]) throws -> [Tensor]
}
