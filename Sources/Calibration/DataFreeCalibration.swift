import IR
import Quantization
import Reference

/// Activation ranges without calibration images.
///
/// 1. Synthetic inputs drawn uniformly, per channel, over `Preprocessing.valueRange(channel:)` with a
///    seeded generator are run through the canonical graph (min-max statistics); the graph input's
///    range is exactly the preprocessing's.
/// 2. Where the imported graph (before `fold-batchnorm`) still has BatchNormalization, the BN
///    statistics replace the synthetic range of its output (Nagel et al., "Data-Free Quantization",
///    ICCV 2019): channel `c` of a BN output is taken as normal with mean `β_c` and deviation `|γ_c|`,
///    so its range is `β_c ± n |γ_c|`. ReLU and Clip clamp those per-channel ranges, and max, average
///    and global average pooling, Dropout and Identity keep them. The tensor range is the union over
///    channels. The fused layers of the canonical graph keep the BN's (or the ReLU's) output name,
///    which is how the two graphs are matched.
public enum DataFreeCalibration {
    /// Ranges for `graph` (canonical) from `imported` (the import-stage graph, or `nil`) and
    /// synthetic inputs matching `preprocessing`. `standardDeviations` is `n` above.
    public static func ranges(of graph: Graph, imported: Graph?, preprocessing: Preprocessing, samples: Int = 8,
                              seed: UInt64 = 0, standardDeviations: Float = 6) throws -> [String: ClosedRange<Float>] {
        guard graph.inputs.count == 1, let input = graph.inputs.first else {
            throw IRError.badGraphInput(name: graph.inputs.map(\.name).joined(separator: ", "),
                                        detail: "data-free calibration needs a graph with exactly one input")
        }
        var generator = SeededGenerator(seed: seed)
        let inputs = (0..<samples).map { _ in syntheticInput(input.type.shape, preprocessing: preprocessing, using: &generator) }
        var ranges = try Calibrator.ranges(of: graph, inputs: inputs, method: .minMax)
        let channelRanges = (0..<preprocessing.channels).map { preprocessing.valueRange(channel: $0) }
        ranges[input.name] = union(channelRanges)
        if let imported {
            for (name, range) in batchNormRanges(imported, standardDeviations: standardDeviations) where ranges[name] != nil {
                ranges[name] = range
            }
        }
        return ranges
    }

    /// A `[N, C, ...]` tensor whose channel `c` is uniform over `preprocessing.valueRange(channel: c)`.
    static func syntheticInput(_ shape: Shape, preprocessing: Preprocessing, using generator: inout SeededGenerator) -> Tensor {
        let channels = shape.rank >= 2 ? shape[1] : 1
        let plane = shape.rank >= 2 ? shape.dims.dropFirst(2).reduce(1, *) : shape.elementCount
        let values = (0..<shape.elementCount).map { index -> Float in
            let channel = index / max(plane, 1) % max(channels, 1)
            let range = preprocessing.valueRange(channel: min(channel, preprocessing.channels - 1))
            return range.lowerBound == range.upperBound ? range.lowerBound : Float.random(in: range, using: &generator)
        }
        return Tensor(shape: shape, floats: values)
    }

    /// The tensor range of every BatchNormalization output of `graph` and of the values that keep
    /// its per-channel ranges downstream.
    static func batchNormRanges(_ graph: Graph, standardDeviations: Float) -> [String: ClosedRange<Float>] {
        var perChannel: [String: [ClosedRange<Float>]] = [:]
        for node in graph.nodes {
            guard let output = node.outputs.first, !output.isEmpty else { continue }
            if let ranges = propagated(node, perChannel: perChannel, graph: graph, standardDeviations: standardDeviations) {
                perChannel[output] = ranges
            }
        }
        return perChannel.mapValues(union)
    }

    private static func propagated(_ node: Node, perChannel: [String: [ClosedRange<Float>]], graph: Graph,
                                   standardDeviations: Float) -> [ClosedRange<Float>]? {
        switch node.op {
        case .batchNormalization:
            guard node.inputs.count == 5, let gamma = graph.initializers[node.inputs[1]]?.floats,
                  let beta = graph.initializers[node.inputs[2]]?.floats, gamma.count == beta.count else { return nil }
            return zip(beta, gamma).map { beta, gamma in
                let spread = standardDeviations * abs(gamma)
                return (beta - spread)...(beta + spread)
            }
        case .relu:
            return perChannel[node.inputs[0]]?.map { $0.clamped(to: 0...Float.infinity) }
        case .clip(let low, let high) where low <= high:
            return perChannel[node.inputs[0]]?.map { $0.clamped(to: low...high) }
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .dropout, .identity:
            return perChannel[node.inputs[0]]
        case .conv, .fullyConnected, .reduceMean, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish,
             .softmax, .lrn, .gemm, .matMul, .add, .sub, .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze,
             .unsqueeze, .pad, .slice, .split, .channelShuffle, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear:
            return nil
        }
    }

    private static func union(_ ranges: [ClosedRange<Float>]) -> ClosedRange<Float> {
        let low = ranges.map(\.lowerBound).min() ?? 0, high = ranges.map(\.upperBound).max() ?? 0
        return low...max(low, high)
    }
}
