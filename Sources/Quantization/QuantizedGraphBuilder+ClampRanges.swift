import IR

/// A sum clamped by the ReLU or Clip that alone reads it is stored in the clamp's output range:
/// the Add's saturation to the storage range then is the clamp (real 0, or the Clip's bounds, lie
/// at the range's ends), and the levels the clamp would discard are not spent on values it removes
/// (ResNet's `Add → ReLU`: about half of the sum's levels are negative). The clamp itself folds into
/// the Add's saturation (`addClamp`), so the accelerator runs no separate pass for it.
extension QuantizedGraphBuilder {
    /// The output of every Add whose only reader is a ReLU or Clip and that is not a graph output,
    /// with that clamp's output.
    static func clampedSums(_ graph: Graph) -> [String: String] {
        var clamped: [String: String] = [:]
        let readers = graph.readers()
        for node in graph.nodes where node.op == .add {
            let sum = node.outputs[0]
            guard !graph.outputs.contains(sum), let only = readers[sum], only.count == 1 else { continue }
            let reader = graph.nodes[only[0]]
            if isClamp(reader.op) { clamped[sum] = reader.outputs[0] }
        }
        return clamped
    }

    /// `ranges` with each clamped sum given its clamp's output range.
    static func sharingClampRanges(_ clampedSums: [String: String], _ ranges: [String: ClosedRange<Float>]) -> [String: ClosedRange<Float>] {
        var shared = ranges
        for (sum, clampOutput) in clampedSums {
            if let clamped = ranges[clampOutput] { shared[sum] = clamped }
        }
        return shared
    }

    /// Folds the clamp `node` into the Add that produces its input when that sum is one of
    /// `clampedSums`: the Add saturates to the intersection of its range and `range` (a clamp of a
    /// clamp is the clamp to the intersection, so the stored values do not change) and writes the
    /// clamp's output. Returns whether it did.
    mutating func foldIntoSum(_ node: Node, range: ClosedRange<Int32>) -> Bool {
        let sum = node.inputs[0]
        guard clampedSums[sum] == node.outputs[0], let index = layers.lastIndex(where: { $0.output == sum }),
              case .add(let inputs, let shift, let zeroPoint, let saturation) = layers[index].op,
              saturation.overlaps(range) else { return false }
        let low = max(saturation.lowerBound, range.lowerBound), high = min(saturation.upperBound, range.upperBound)
        layers[index].op = .add(inputs: inputs, shift: shift, outputZeroPoint: zeroPoint, outputClamp: low...high)
        layers[index].output = node.outputs[0]
        params[node.outputs[0]] = params.removeValue(forKey: sum)
        return true
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
