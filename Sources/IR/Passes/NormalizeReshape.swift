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
        var bypassedSources: [String] = []
        var index = 0
        while index < result.nodes.count {
            let node = result.nodes[index]
            guard isReshape(node, in: result) else {
                index += 1
                continue
            }
            let source = chainSource(of: node, at: index, in: result)
            if source != node.inputs[0] { bypassedSources.append(node.inputs[0]) }
            if !normalize(at: index, source: source, in: &result) { index += 1 }
        }
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

    /// The value the node's layout change starts from: its input, or the input of the reshape that
    /// produced it (already normalized, so one step suffices).
    private func chainSource(of node: Node, at index: Int, in graph: Graph) -> String {
        guard let producer = graph.producerIndex(of: node.inputs[0], before: index), isReshape(graph.nodes[producer], in: graph) else {
            return node.inputs[0]
        }
        return graph.nodes[producer].inputs[0]
    }

    /// Rewrites the node at `index` to go straight from `source` to its output shape. Returns `true`
    /// when it removed the node.
    private func normalize(at index: Int, source: String, in graph: inout Graph) -> Bool {
        let node = graph.nodes[index]
        guard let from = graph.types[source]?.shape, let to = graph.types[node.outputs[0]]?.shape else { return false }
        graph.nodes[index].inputs[0] = source
        if from == to, graph.bypassNode(at: index) {
            graph.dropUnreadInitializers(Array(node.inputs.dropFirst()))
            return true
        }
        if let axis = flattenAxis(from: from, to: to) {
            graph.nodes[index].op = .flatten(axis: axis)
            graph.nodes[index].inputs = [source]
        } else if source != node.inputs[0] {
            graph.nodes[index].op = .reshape(allowZero: false)
            graph.setConstantInput(1, ofNodeAt: index, to: Tensor(shape: [to.rank], int64s: to.dims.map(Int64.init)),
                                   baseName: node.name + ".shape")
        }
        graph.dropUnreadInitializers(Array(node.inputs.dropFirst()))
        return false
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
