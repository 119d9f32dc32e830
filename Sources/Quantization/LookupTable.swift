import Foundation
import IR

/// Builds the 256-entry tables of `QuantizedOp.lookupTable`: the output for every int8 input.
package enum LookupTable {
    /// `table[q + 128] = quantize(f(dequantize(q)))` over int8 `q`, with `f` evaluated in double
    /// precision and the output rounded half to even and clamped to int8.
    package static func build(input: QuantParams, output: QuantParams, function: (Double) -> Double) -> [Int8] {
        (-128...127).map { (q: Int32) -> Int8 in
            let y = function(Double(input.dequantize(q)))
            return Int8(output.quantize(Float(y), into: -128...127))
        }
    }

    /// The real function of an elementwise activation node.
    package static func function(of op: Op) -> ((Double) -> Double)? {
        switch op {
        case .sigmoid: return { 1 / (1 + exp(-$0)) }
        case .tanh: return { Foundation.tanh($0) }
        case .leakyRelu(let alpha): return { $0 >= 0 ? $0 : Double(alpha) * $0 }
        case .hardSigmoid(let alpha, let beta): return { hardSigmoid($0, alpha: Double(alpha), beta: Double(beta)) }
        case .hardSwish: return { $0 * hardSigmoid($0, alpha: 1.0 / 6, beta: 0.5) }
        case .swish(let alpha): return { $0 / (1 + exp(-Double(alpha) * $0)) }
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu, .clip,
             .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub, .mul, .div, .concat, .flatten, .reshape,
             .transpose, .squeeze, .unsqueeze, .pad, .slice, .split, .channelShuffle, .dropout, .identity,
             .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear: return nil
        }
    }

    private static func hardSigmoid(_ x: Double, alpha: Double, beta: Double) -> Double {
        min(max(alpha * x + beta, 0), 1)
    }
}
