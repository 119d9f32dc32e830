extension Op {
    /// How many inputs a node of this op takes; the first `lowerBound` are required (non-empty).
    package var inputArity: ClosedRange<Int> {
        switch self {
        case .conv, .fullyConnected, .gemm, .quantizeLinear, .dequantizeLinear: return 2...3
        case .batchNormalization: return 5...5
        case .matMul, .sub, .mul, .div, .reshape, .gather: return 2...2
        case .add, .concat: return 1...Int.max
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .relu, .leakyRelu, .clip, .sigmoid,
             .tanh, .hardSigmoid, .hardSwish, .swish, .reduceMean, .softmax, .lrn, .flatten, .transpose, .squeeze, .unsqueeze,
             .pad, .slice, .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .cast, .split:
            return 1...1
        }
    }

    /// How many outputs a node of this op has; the first `lowerBound` are required (non-empty).
    package var outputArity: ClosedRange<Int> {
        switch self {
        case .dropout: return 1...2
        case .split: return 1...Int.max
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .relu, .leakyRelu,
             .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .reduceMean, .slice, .channelShuffle, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub, .mul, .div,
             .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .identity, .constantOfShape,
             .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            return 1...1
        }
    }

    /// The activation fused into this op's output, if the op can carry one.
    package var fusedActivation: Activation? {
        switch self {
        case .conv(let attributes): return attributes.activation
        case .fullyConnected(let activation): return activation
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu, .leakyRelu, .clip, .sigmoid,
             .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub,
             .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear: return nil
        }
    }
}
