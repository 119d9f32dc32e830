/// Evaluates every node whose inputs are all constants (initializers, or folded outputs of earlier
/// nodes) and every `Shape` of a statically typed value, replacing the node by initializers. This
/// folds the `Shape`→`Gather`→`Unsqueeze`→`Concat`→`Reshape` chains exporters emit, `ConstantOfShape`,
/// and re-layouts of weights such as transposes.
///
/// A node whose outputs would be larger than both its inputs and `expansionLimit` bytes (a small
/// constant broadcast into a big tensor) is left alone, since folding it would only bloat the model,
/// unless its outputs become weights: values read as the weight, bias or normalisation operands of
/// a conv, fully-connected layer, Gemm, MatMul or BatchNormalization, directly or through other
/// nodes (the model-zoo VGG19, AlexNet and ZFNet compute their weights with `ConstantOfShape`).
/// Those are folded however large, each folded tensor computed once and shared, never copied.
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
        let weights = Self.weightValues(of: graph)
        for node in graph.nodes {
            if let outputs = try foldedOutputs(node, in: folded, becomesWeight: node.outputs.allSatisfy(weights.contains)) {
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
    private func foldedOutputs(_ node: Node, in graph: Graph, becomesWeight: Bool) throws -> [Tensor]? {
        if case .shape(let start, let end) = node.op, let type = graph.types[node.inputs[0]] {
            return [ShapeInference.shapeVector(of: type, start: start, end: end)]
        }
        guard evaluator.canEvaluate(node.op) else { return nil }
        let present = node.inputs.filter { !$0.isEmpty }
        let constants = present.compactMap { graph.initializers[$0] }
        guard !present.isEmpty, constants.count == present.count else { return nil }
        let inputBytes = constants.reduce(0) { $0 + $1.type.byteCount }
        let outputBytes = node.outputs.compactMap { graph.types[$0]?.byteCount }.reduce(0, +)
        guard becomesWeight || outputBytes <= max(inputBytes, expansionLimit) else { return nil }
        return try evaluator.evaluate(node, node.inputs.map { $0.isEmpty ? nil : graph.initializers[$0] })
    }

    /// The values that end up as parameter operands (input 1 and later) of the layers that take
    /// weights, and every value only such values are computed from, found walking the nodes
    /// backwards. Empty names are not values.
    static func weightValues(of graph: Graph) -> Set<String> {
        var weights = Set<String>()
        var readByOthers = Set(graph.outputs)
        for node in graph.nodes.reversed() {
            let producesOnlyWeights = !node.outputs.contains { !$0.isEmpty && (!weights.contains($0) || readByOthers.contains($0)) }
            for (index, input) in node.inputs.enumerated() where !input.isEmpty {
                if (index >= 1 && Self.takesWeights(node.op)) || producesOnlyWeights && node.outputs.contains(where: { !$0.isEmpty }) {
                    weights.insert(input)
                } else {
                    readByOthers.insert(input)
                }
            }
        }
        return weights.subtracting(readByOthers)
    }

    private static func takesWeights(_ op: Op) -> Bool {
        switch op {
        case .conv, .fullyConnected, .gemm, .matMul, .batchNormalization: return true
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu, .leakyRelu, .clip, .sigmoid,
             .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .add, .sub, .mul, .div, .concat, .flatten, .reshape,
             .transpose, .squeeze, .unsqueeze, .pad, .slice, .split, .channelShuffle, .dropout, .identity,
             .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear: return false
        }
    }
}
