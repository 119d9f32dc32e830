import IR

/// What one ONNX node becomes in the graph IR: at most one node, plus constants it introduces
/// (a `Constant` node's value, or an operand reshaped for legacy broadcasting).
struct Translation: Sendable {
    var node: Node?
    var constants: [String: Tensor]

    init(node: Node?, constants: [String: Tensor] = [:]) {
        self.node = node
        self.constants = constants
    }
}
