/// Evaluates every node whose inputs are all constants (initializers, or folded outputs of earlier
/// nodes) and every `Shape` of a statically typed value, replacing the node by initializers. This
/// folds the `Shape`→`Gather`→`Unsqueeze`→`Concat`→`Reshape` chains exporters emit, `ConstantOfShape`,
/// and re-layouts of weights such as transposes.
///
/// A node whose outputs would be larger than both its inputs and `expansionLimit` bytes (a small
/// constant broadcast into a big tensor) is left alone: folding it would only bloat the model.
/// Nothing is removed besides the folded nodes; unused initializers are left to dead-code elimination.
public struct ConstantFolding: GraphPass {
    public let name = "constant-folding"
    /// Outputs up to this many bytes are always folded.
    public let expansionLimit: Int
    /// Evaluates the folded nodes; nodes whose op it cannot evaluate are left alone.
    public let evaluator: any NodeEvaluating

    public init(expansionLimit: Int = 1 << 20, evaluator: any NodeEvaluating = Evaluator()) {
        self.expansionLimit = expansionLimit
        self.evaluator = evaluator
    }

    public func run(_ graph: Graph) throws -> Graph {
        var folded = graph
        folded.nodes = []
        for node in graph.nodes {
            if let outputs = try foldedOutputs(node, in: folded) {
                for (name, tensor) in zip(node.outputs, outputs) where !name.isEmpty {
                    folded.initializers[name] = tensor
                }
            } else {
                folded.nodes.append(node)
            }
        }
        return folded
    }

    /// The node's outputs if it can and should be folded, else `nil`.
    private func foldedOutputs(_ node: Node, in graph: Graph) throws -> [Tensor]? {
        if case .shape(let start, let end) = node.op, let type = graph.types[node.inputs[0]] {
            return [ShapeInference.shapeVector(of: type, start: start, end: end)]
        }
        guard evaluator.canEvaluate(node.op) else { return nil }
        let present = node.inputs.filter { !$0.isEmpty }
        let constants = present.compactMap { graph.initializers[$0] }
        guard !present.isEmpty, constants.count == present.count else { return nil }
        let inputBytes = constants.reduce(0) { $0 + $1.type.byteCount }
        let outputBytes = node.outputs.compactMap { graph.types[$0]?.byteCount }.reduce(0, +)
        guard outputBytes <= max(inputBytes, expansionLimit) else { return nil }
        return try evaluator.evaluate(node, node.inputs.map { $0.isEmpty ? nil : graph.initializers[$0] })
    }
}
