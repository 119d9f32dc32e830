/// Brings reshapes into canonical form so that later stages see one spelling per layout change:
///
/// - a `Reshape` (with a constant shape operand) or `Flatten` that reads the output of another
///   such node reads that node's input instead, so chains collapse into one node;
/// - one that leaves the shape unchanged is removed;
/// - one whose result is `[prod(dims[..<a]), prod(dims[a...])]` of its input becomes
///   `flatten(axis: a)` with the smallest such `a` (so `[N, C, H, W] → [N, C*H*W]` is
///   `flatten(axis: 1)`, and a negative or redundant Flatten axis is made canonical);
/// - any other becomes a `Reshape` to its exact static output shape.
///
/// Reshapes left without readers by the collapsing are removed with their shape constants.
public struct NormalizeReshape: GraphPass {
    public let name = "normalize-reshape"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var result = graph
        var bypasses = NodeBypasses(graph)
        var bypassedSources: [String] = []
        var replacedConstants: [String] = []
        for index in graph.nodes.indices where isReshape(graph.nodes[index], in: graph) {
            let input = bypasses.resolve(graph.nodes[index].inputs[0])
            let source = chainSource(of: input, in: result, bypasses)
            if source != input { bypassedSources.append(input) }
            replacedConstants += graph.nodes[index].inputs.dropFirst()
            result.nodes[index].inputs[0] = input
            normalize(at: index, source: source, in: &result, &bypasses)
        }
        bypasses.apply(to: &result)
        result.dropUnreadInitializers(replacedConstants)
        removeUnreadReshapes(producing: bypassedSources, from: &result)
        return result
    }

    /// A Flatten, or a Reshape whose shape operand is a constant.
    private func isReshape(_ node: Node, in graph: Graph) -> Bool {
        switch node.op {
        case .flatten: return true
        case .reshape: return graph.initializers[node.inputs[1]] != nil
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
             .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
             .gemm, .matMul, .add, .sub, .mul, .div, .concat, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear: return false
        }
    }

    /// The value the layout change reading `input` starts from: `input`, or the input of the reshape
    /// that produced it (already normalized, so one step suffices).
    private func chainSource(of input: String, in graph: Graph, _ bypasses: NodeBypasses) -> String {
        guard let producer = bypasses.producer(of: input), isReshape(graph.nodes[producer], in: graph) else { return input }
        return bypasses.resolve(graph.nodes[producer].inputs[0])
    }

    /// Rewrites the node at `index` to go straight from `source` to its output shape, or records its
    /// removal in `bypasses` when it leaves the shape unchanged.
    private func normalize(at index: Int, source: String, in graph: inout Graph, _ bypasses: inout NodeBypasses) {
        let node = graph.nodes[index]
        guard let from = graph.types[source]?.shape, let to = graph.types[node.outputs[0]]?.shape else { return }
        graph.nodes[index].inputs[0] = source
        if from == to, bypasses.bypass(at: index, in: &graph) { return }
        if let axis = flattenAxis(from: from, to: to) {
            graph.nodes[index].op = .flatten(axis: axis)
            graph.nodes[index].inputs = [source]
        } else if source != node.inputs[0] {
            graph.nodes[index].op = .reshape(allowZero: false)
            graph.setConstantInput(1, ofNodeAt: index, to: Tensor(shape: [to.rank], int64s: to.dims.map(Int64.init)),
                                   baseName: node.name + ".shape")
        }
    }

    /// The smallest axis `a ≥ 1` with `to == [prod(from[..<a]), prod(from[a...])]`, else 0 when
    /// `to == [1, prod(from)]`, else `nil`.
    private func flattenAxis(from: Shape, to: Shape) -> Int? {
        guard to.rank == 2, from.rank >= 1, from.elementCount == to.elementCount else { return nil }
        let axis = (1...from.rank).first { Shape(Array(from.dims[..<$0])).elementCount == to[0] }
        return axis ?? (to[0] == 1 ? 0 : nil)
    }

    /// Removes reshapes among the producers of `values` that no longer have readers, with their
    /// shape constants.
    private func removeUnreadReshapes(producing values: [String], from graph: inout Graph) {
        let readers = graph.readers()
        let unread = Set(values.filter { readers[$0] == nil && !graph.outputs.contains($0) })
        let removed = graph.nodes.filter { node in node.outputs.contains(where: unread.contains) }
        graph.nodes.removeAll { node in node.outputs.contains(where: unread.contains) }
        graph.dropUnreadInitializers(removed.flatMap(\.inputs))
    }
}
