/// Fuses a `Relu` or `Clip` into the convolution or fully-connected layer that feeds it, when the
/// activation is the layer's only reader. A layer that already carries an activation takes the
/// composition of both (ReLU then clip(0, 6) is clip(0, 6)); when the two do not compose into one
/// clamp, or a Clip has `min > max`, the activation stays a separate node.
public struct FuseActivation: GraphPass {
    public let name = "fuse-activation"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        graph.rewritingNodes(fuse(at:in:))
    }

    /// Fuses the activation node at `index` into its producer; returns whether it did (and removed
    /// the node).
    private func fuse(at index: Int, in graph: inout Graph) -> Bool {
        let node = graph.nodes[index]
        guard let activation = standaloneActivation(node.op),
              let layerIndex = graph.producerIndex(of: node.inputs[0], before: index),
              let fused = withActivation(graph.nodes[layerIndex].op, then: activation),
              graph.isPrivate(node.inputs[0], to: index)
        else { return false }
        graph.nodes[layerIndex].op = fused
        graph.nodes[layerIndex].outputs[0] = node.outputs[0]
        graph.nodes.remove(at: index)
        return true
    }

    /// The activation a Relu or well-formed Clip node applies.
    private func standaloneActivation(_ op: Op) -> Activation? {
        switch op {
        case .relu: return .relu
        case .clip(let low, let high): return Activation.clip(min: low, max: high).bounds.map(Activation.init(bounds:))
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .leakyRelu,
             .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add,
             .sub, .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear: return nil
        }
    }

    /// `op` (a convolution or fully-connected layer) with `activation` applied after its own.
    private func withActivation(_ op: Op, then activation: Activation) -> Op? {
        switch op {
        case .conv(var attributes):
            guard let combined = combined(attributes.activation, then: activation) else { return nil }
            attributes.activation = combined
            return .conv(attributes)
        case .fullyConnected(let existing):
            return combined(existing, then: activation).map { .fullyConnected(activation: $0) }
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu, .leakyRelu, .clip, .sigmoid,
             .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub,
             .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear:
            return nil
        }
    }

    private func combined(_ existing: Activation?, then next: Activation) -> Activation? {
        guard let existing else { return next }
        return existing.followed(by: next)
    }
}
