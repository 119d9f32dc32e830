import Foundation

/// Elementwise float activations, and the epilogue that adds a per-channel bias and applies a fused
/// activation to a conv or fully-connected output in one pass.
package enum ElementwiseKernel {
    /// Applies a unary activation op (`relu`, `leakyRelu`, `clip`, `sigmoid`, `tanh`, `hardSigmoid`,
    /// `hardSwish`, `swish`) to `values` in their own storage: when nothing else shares it, no
    /// element is copied.
    package static func apply(_ op: Op, to values: inout [Float]) {
        let function = unaryFunction(op)
        values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = function(buffer[index]) }
        }
    }

    /// The function a unary activation op applies to each element.
    private static func unaryFunction(_ op: Op) -> (Float) -> Float {
        switch op {
        case .relu: return { $0 > 0 ? $0 : 0 }
        case .leakyRelu(let alpha): return { $0 >= 0 ? $0 : alpha * $0 }
        case .clip(let low, let high): return { clip($0, low, high) }
        case .sigmoid: return sigmoid
        case .tanh: return { Foundation.tanh($0) }
        case .hardSigmoid(let alpha, let beta): return { clip(alpha * $0 + beta, 0, 1) }
        case .hardSwish: return { $0 * clip($0 / 6 + 0.5, 0, 1) }
        case .swish(let alpha): return { $0 * sigmoid(alpha * $0) }
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .softmax,
             .lrn, .batchNormalization, .gemm, .matMul, .add, .sub, .mul, .div, .concat, .flatten, .reshape, .transpose,
             .squeeze, .unsqueeze, .pad, .slice, .split, .channelShuffle, .dropout, .identity, .constantOfShape, .shape,
             .gather, .cast, .quantizeLinear, .dequantizeLinear: preconditionFailure("\(op.operatorName) is not a unary activation")
        }
    }

    /// Adds `bias[c]` to every element of channel `c` and applies `activation`, over an output laid
    /// out as `[outer, channels, inner]` (conv: `[N, M, H*W]`; fully-connected: `[N, M, 1]`).
    package static func addBiasAndActivate(_ output: UnsafeMutableBufferPointer<Float>, channels: Int, inner: Int,
                                   bias: [Float]?, activation: Activation?) {
        guard bias != nil || activation != nil, channels > 0, inner > 0 else { return }
        let (low, high) = bounds(activation)
        let outer = output.count / (channels * inner)
        for block in 0..<outer {
            for channel in 0..<channels {
                let shift = bias?[channel] ?? 0
                let start = (block * channels + channel) * inner
                for index in start..<(start + inner) {
                    output[index] = clip(output[index] + shift, low, high)
                }
            }
        }
    }

    /// The clamp bounds of an activation (infinite when none).
    private static func bounds(_ activation: Activation?) -> (Float, Float) {
        switch activation {
        case nil: return (-.infinity, .infinity)
        case .relu: return (0, .infinity)
        case .clip(let low, let high): return (low, high)
        }
    }

    private static func clip(_ x: Float, _ low: Float, _ high: Float) -> Float {
        x.isNaN ? x : min(max(x, low), high)
    }

    private static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }
}
