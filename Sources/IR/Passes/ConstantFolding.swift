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
///
/// Folding streams: a tensor folding made is dropped as soon as its last reader is folded (unless
/// the graph returns it), and is handed to that reader's evaluation as its only reference, so an
/// elementwise op (Mul, Add, Relu…) computes its output in the input's buffer. A chain that builds
/// a weight therefore holds one copy of it, not one per step. Nothing else is removed; unused
/// initializers are left to dead-code elimination.
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
        try foldMeasuringPeak(graph).graph
    }

    /// `run`'s graph, and the most bytes of storage that folding made and held at once: the folded
    /// tensors still to be read, the inputs taken by the node being folded and its outputs, each
    /// buffer counted once (a reshaped or in-place result shares its input's), the graph's own
    /// initializers not counted.
    public func foldMeasuringPeak(_ graph: Graph) throws -> (graph: Graph, peakBytes: Int) {
        var folded = graph
        folded.nodes = []
        let weights = Self.weightValues(of: graph)
        let imported = Set(graph.initializers.values.map(\.data.storageAddress))
        var readers = Self.readerCounts(of: graph)
        var made = Set<String>()
        var peakBytes = 0
        for node in graph.nodes {
            guard shouldFold(node, in: folded, becomesWeight: node.outputs.allSatisfy(weights.contains)) else {
                folded.nodes.append(node)
                continue
            }
            var inputs = node.inputs.map { $0.isEmpty ? nil : folded.initializers[$0] }
            var taken: [UInt: Int] = [:]
            for input in node.inputs where !input.isEmpty {
                readers[input, default: 0] -= 1
                if readers[input] == 0, made.remove(input) != nil, let tensor = folded.initializers.removeValue(forKey: input) {
                    taken[tensor.data.storageAddress] = tensor.type.byteCount
                }
            }
            let outputs = try evaluate(node, consuming: &inputs, in: folded)
            for (name, tensor) in zip(node.outputs, outputs) where !name.isEmpty {
                folded.initializers[name] = tensor
                made.insert(name)
            }
            let held = made.compactMap { folded.initializers[$0] }
            peakBytes = max(peakBytes, Self.distinctBytes(held, outputs, plus: taken, excluding: imported))
        }
        return (folded, peakBytes)
    }

    /// Whether `node` can and should be folded: all its inputs are constant (or it is the `Shape` of
    /// a typed value), and its outputs are no larger than its inputs or `expansionLimit`, or become
    /// weights.
    private func shouldFold(_ node: Node, in graph: Graph, becomesWeight: Bool) -> Bool {
        if case .shape = node.op, graph.types[node.inputs[0]] != nil { return true }
        guard evaluator.canEvaluate(node.op) else { return false }
        let present = node.inputs.filter { !$0.isEmpty }
        let inputTypes = present.compactMap { graph.initializers[$0]?.type }
        guard !present.isEmpty, inputTypes.count == present.count else { return false }
        let inputBytes = inputTypes.reduce(0) { $0 + $1.byteCount }
        let outputBytes = node.outputs.compactMap { graph.types[$0]?.byteCount }.reduce(0, +)
        return becomesWeight || outputBytes <= max(inputBytes, expansionLimit)
    }

    /// The outputs of a node `shouldFold` accepted, from `inputs` (which the evaluator may take).
    private func evaluate(_ node: Node, consuming inputs: inout [Tensor?], in graph: Graph) throws -> [Tensor] {
        if case .shape(let start, let end) = node.op, let type = graph.types[node.inputs[0]] {
            return [ShapeInference.shapeVector(of: type, start: start, end: end)]
        }
        return try evaluator.evaluate(node, consuming: &inputs)
    }

    /// How many node inputs read each value, plus one for each time the graph returns it.
    static func readerCounts(of graph: Graph) -> [String: Int] {
        var readers: [String: Int] = [:]
        for input in graph.nodes.flatMap(\.inputs) + graph.outputs where !input.isEmpty {
            readers[input, default: 0] += 1
        }
        return readers
    }

    /// The bytes of the distinct buffers behind `held` and `outputs` and the `taken` buffers
    /// (address to bytes), leaving out the `excluded` addresses.
    private static func distinctBytes(_ held: [Tensor], _ outputs: [Tensor], plus taken: [UInt: Int], excluding excluded: Set<UInt>)
        -> Int {
        var buffers = taken
        for tensor in held + outputs {
            buffers[tensor.data.storageAddress] = max(buffers[tensor.data.storageAddress] ?? 0, tensor.type.byteCount)
        }
        return buffers.filter { !excluded.contains($0.key) }.values.reduce(0, +)
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
