import IR

/// A sum clamped by the ReLU or Clip that alone reads it is stored in the clamp's output range:
/// the Add's saturation to the storage range then is the clamp (real 0, or the Clip's bounds, lie
/// at the range's ends), and the levels the clamp would discard are not spent on values it removes
/// (ResNet's `Add → ReLU`: about half of the sum's levels are negative). The standalone clamp that
/// follows keeps its input's parameters, as always.
extension QuantizedGraphBuilder {
    /// `ranges` with the output of every Add whose only reader is a ReLU or Clip (and that is not a
    /// graph output) given that clamp's output range.
    static func sharingClampRanges(_ graph: Graph, _ ranges: [String: ClosedRange<Float>]) -> [String: ClosedRange<Float>] {
        var shared = ranges
        let readers = graph.readers()
        for node in graph.nodes where node.op == .add {
            let sum = node.outputs[0]
            guard !graph.outputs.contains(sum), let only = readers[sum], only.count == 1 else { continue }
            let reader = graph.nodes[only[0]]
            guard isClamp(reader.op), let clamped = ranges[reader.outputs[0]] else { continue }
            shared[sum] = clamped
        }
        return shared
    }

    private static func isClamp(_ op: Op) -> Bool {
        switch op {
        case .relu, .clip: return true
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .leakyRelu,
             .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add,
             .sub, .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            return false
        }
    }
}
