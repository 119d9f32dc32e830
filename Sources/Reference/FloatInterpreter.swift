import IR

/// Runs a whole graph in fp32 with the reference kernels of `Evaluator`. Intermediate tensors are
/// released right after their last reader, so peak memory stays near the largest live activations.
public struct FloatInterpreter: Sendable {
    /// The graph being run.
    public let graph: Graph
    /// For each value a node reads, the index of the last node that reads it.
    private let lastReader: [String: Int]
    /// Winograd-transformed weights of the convolutions that take that path and read their
    /// weights from an initializer, by node index: initializers never change, so each is
    /// transformed once here instead of on every run.
    private let winogradWeights: [Int: [Float]]

    /// Prepares `graph` (nodes in topological order) for repeated runs. With
    /// `cachingTransformedWeights` the Winograd form of the eligible convolutions' weights is
    /// computed once here and kept: 16/9 of those weights (104 MiB for VGG16). Without it each run
    /// transforms a layer's weights when it reaches the layer and drops them after, which keeps a
    /// few runs (calibration) near the model's own size.
    public init(graph: Graph, cachingTransformedWeights: Bool = true) {
        self.graph = graph
        lastReader = graph.lastReaders()
        winogradWeights = cachingTransformedWeights ? Self.winogradWeights(of: graph) : [:]
    }

    /// Runs the graph on `inputs` (keyed by graph input name) and returns the graph outputs keyed
    /// by name. Throws `IRError.badGraphInput` for a missing input or one of the wrong type.
    public func run(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        try run(inputs, observe: { _, _ in })
    }

    /// Runs the graph as `run(_:)` does and calls `observe` with every node and its outputs right
    /// after the node has run (calibration records activation ranges this way).
    public func run(_ inputs: [String: Tensor], observe: (Node, [Tensor]) throws -> Void) throws -> [String: Tensor] {
        var live = try checkedInputs(inputs)
        let kept = Set(graph.outputs)
        for (index, node) in graph.nodes.enumerated() {
            let operands = try node.inputs.map { name -> Tensor? in
                name.isEmpty ? nil : try value(name, in: live, readBy: node)
            }
            let results = try evaluate(node, index: index, operands)
            try observe(node, results)
            for (name, tensor) in zip(node.outputs, results) where !name.isEmpty { live[name] = tensor }
            for name in node.inputs where lastReader[name] == index && !kept.contains(name) {
                live[name] = nil
            }
        }
        var outputs: [String: Tensor] = [:]
        for name in graph.outputs {
            guard let tensor = live[name] ?? graph.initializers[name] else {
                throw IRError.undefinedValue(node: "graph outputs", value: name)
            }
            outputs[name] = tensor
        }
        return outputs
    }

    /// Runs one node: a convolution with transformed weights directly on its Winograd plan,
    /// everything else through `Evaluator`.
    private func evaluate(_ node: Node, index: Int, _ operands: [Tensor?]) throws -> [Tensor] {
        guard case .conv(let attributes) = node.op, let transformed = winogradWeights[index] else {
            return try ReferenceEvaluator().evaluate(node, operands)
        }
        let checked = NodeOperands(node: node, types: operands.map { $0?.type }, constants: operands)
        let output = try ShapeInference.outputTypes(of: checked)[0]
        let (x, w) = (try checked.constant(0), try checked.constant(1))
        let bias = checked.optionalType(2) == nil ? nil : try checked.constant(2).floats
        let kernel = try ConvKernel(node: node, x: x.shape, w: w.shape, attributes: attributes)
        return [Tensor(shape: output.shape, floats: kernel.run(input: x.floats, weight: w.floats, winogradWeight: transformed,
                                                               bias: bias, activation: attributes.activation))]
    }

    /// Transformed weights for every convolution the Winograd kernel covers whose weight is an
    /// initializer that no graph input overrides.
    private static func winogradWeights(of graph: Graph) -> [Int: [Float]] {
        let inputNames = Set(graph.inputs.map(\.name))
        var transformed: [Int: [Float]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            guard case .conv(let attributes) = node.op, node.inputs.count >= 2, !inputNames.contains(node.inputs[1]),
                  let weight = graph.initializers[node.inputs[1]], weight.data.elementType == .float32,
                  WinogradConvKernel.covers(attributes, weight: weight.shape) else { continue }
            transformed[index] = WinogradConvKernel.transformWeight(weight.floats, outputChannels: weight.shape[0],
                                                                    inputChannels: weight.shape[1])
        }
        return transformed
    }

    /// The graph inputs, checked against their declared types.
    private func checkedInputs(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        var live: [String: Tensor] = [:]
        for input in graph.inputs {
            guard let tensor = inputs[input.name] else { throw IRError.badGraphInput(name: input.name, detail: "missing") }
            guard tensor.type == input.type else {
                throw IRError.badGraphInput(name: input.name, detail: "expected \(input.type), got \(tensor.type)")
            }
            live[input.name] = tensor
        }
        return live
    }

    private func value(_ name: String, in live: [String: Tensor], readBy node: Node) throws -> Tensor {
        guard let tensor = live[name] ?? graph.initializers[name] else {
            throw IRError.undefinedValue(node: node.name, value: name)
        }
        return tensor
    }
}
