/// Folds an inference-mode `BatchNormalization` into the convolution or fully-connected layer that
/// feeds it: `y = s * (conv(x) - mean) + B` with `s = scale / sqrt(var + epsilon)` is the convolution
/// with weights `W[m] * s[m]` and bias `s[m] * (b[m] - mean[m]) + B[m]`.
///
/// Applies when the layer's weight, bias and the four BN operands are float initializers, the layer
/// has no fused activation, and the BN is the layer's only reader. Gemm is not handled here:
/// `form-fc` runs first and turns every foldable Gemm into a fully-connected layer. Any other BN stays.
public struct FoldBatchNormalization: GraphPass {
    public let name = "fold-batchnorm"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        graph.rewritingNodes(fold(at:in:))
    }

    /// Folds the BN at `index` into its producer; returns whether it did (and removed the BN node).
    private func fold(at index: Int, in graph: inout Graph) -> Bool {
        let norm = graph.nodes[index]
        guard case .batchNormalization(let epsilon) = norm.op,
              let layerIndex = graph.producerIndex(of: norm.inputs[0], before: index),
              isFoldableLayer(graph.nodes[layerIndex].op),
              graph.isPrivate(norm.inputs[0], to: index)
        else { return false }
        let layer = graph.nodes[layerIndex]
        let biasName = layer.inputs.count > 2 ? layer.inputs[2] : ""
        let bias = biasName.isEmpty ? nil : graph.floatConstant(biasName)
        guard biasName.isEmpty || bias != nil, let weight = graph.floatConstant(layer.inputs[1]),
              let folded = FoldedLayer(weight: weight, bias: bias, epsilon: epsilon,
                                       normalization: norm.inputs[1...4].compactMap(graph.floatConstant))
        else { return false }
        graph.setConstantInput(1, ofNodeAt: layerIndex, to: folded.weight, baseName: layer.inputs[1])
        graph.setConstantInput(2, ofNodeAt: layerIndex, to: folded.bias,
                               baseName: biasName.isEmpty ? layer.name + ".bias" : biasName)
        graph.nodes[layerIndex].outputs[0] = norm.outputs[0]
        graph.nodes.remove(at: index)
        graph.dropUnreadInitializers(Array(norm.inputs[1...4]) + layer.inputs.dropFirst())
        return true
    }

    private func isFoldableLayer(_ op: Op) -> Bool {
        switch op {
        case .conv(let attributes): return attributes.activation == nil
        case .fullyConnected(let activation): return activation == nil
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu, .leakyRelu, .clip, .sigmoid,
             .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub,
             .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear: return false
        }
    }
}
