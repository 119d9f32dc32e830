/// Removes `Identity`, inference-mode `Dropout` (when its mask output is unused) and pooling with a
/// 1×1 window, stride 1 and no padding (torchvision's adaptive average pool on an input that already
/// has the target size exports as one), pointing their readers at the input. When the removed node's
/// output is a graph output, the input's producer is renamed to keep the graph's output name; if the
/// input is a graph input or an initializer, the node stays. All in one sweep (`NodeBypasses`).
public struct RemoveIdentityOps: GraphPass {
    public let name = "remove-identity"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var result = graph
        var bypasses = NodeBypasses(graph)
        for (index, node) in graph.nodes.enumerated() where isPassThrough(node.op) {
            _ = bypasses.bypass(at: index, in: &result)
        }
        bypasses.apply(to: &result)
        return result
    }

    private func isPassThrough(_ op: Op) -> Bool {
        switch op {
        case .identity, .dropout: return true
        case .averagePool(let window), .maxPool(let window): return isUnitWindow(window)
        case .conv, .fullyConnected, .globalAveragePool, .globalMaxPool, .reduceMean, .relu, .leakyRelu, .clip, .sigmoid,
             .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub,
             .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear: return false
        }
    }

    /// A window that copies its input: every extent and stride 1, no padding, no ceil rounding.
    private func isUnitWindow(_ window: PoolAttributes) -> Bool {
        let unpadded: Bool
        switch window.padding {
        case .explicit(let pads): unpadded = pads.allSatisfy { $0 == 0 }
        case .valid, .sameUpper, .sameLower: unpadded = true
        }
        return unpadded && window.kernelShape.allSatisfy { $0 == 1 } && window.strides.allSatisfy { $0 == 1 }
    }
}
