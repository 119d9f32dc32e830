import IR

/// Every operation of the quantized graph, with the integer parameters that define it exactly.
/// Each case reads stored integers and writes stored integers; `IntegerInterpreter` is the
/// reference for what each computes.
public enum QuantizedOp: Hashable, Sendable, Codable {
    /// Convolution; input `[N, C, H, W]` (or `[N, C, W]`).
    case conv(QuantizedConv)
    /// Fully-connected layer on `[N, K]`, computed as a 1×1 convolution of `[N, K, 1, 1]`.
    case fullyConnected(QuantizedConv)
    /// Max pooling: exact.
    case maxPool(QuantizedPool)
    /// Average pooling: int32 sum times a fixed-point reciprocal of the tap count.
    case averagePool(QuantizedPool)
    /// Mean over each `[H, W]` plane: `clamp(outputZeroPoint + reciprocal.apply(Σ (q − inputZeroPoint)))`.
    case globalAveragePool(inputZeroPoint: Int32, outputZeroPoint: Int32, reciprocal: FixedPointMultiplier,
                           outputClamp: ClosedRange<Int32>)
    /// Maximum over each `[H, W]` plane: exact.
    case globalMaxPool
    /// Elementwise sum of same-shaped inputs:
    /// `clamp(outputZeroPoint + roundingShift(Σ (q_i − zp_i) × m_i, shift))`.
    case add(inputs: [QuantizedRescale], shift: Int, outputZeroPoint: Int32, outputClamp: ClosedRange<Int32>)
    /// Concatenation along `axis`, each input rescaled on its own:
    /// `clamp(outputZeroPoint + roundingShift((q − zp_i) × m_i, shift))`.
    case concat(axis: Int, inputs: [QuantizedRescale], shift: Int, outputZeroPoint: Int32,
                outputClamp: ClosedRange<Int32>)
    /// Elementwise product of two activations, `b` of `a`'s shape or `[N, C, 1, …]` broadcast over
    /// `a`'s spatial axes (squeeze-and-excitation):
    /// `clamp(outputZeroPoint + roundingShift((qa − aZeroPoint) × (qb − bZeroPoint) × multiplier, shift))`,
    /// the product exact in Int64 and the shift rounding half up.
    case multiply(aZeroPoint: Int32, bZeroPoint: Int32, multiplier: Int64, shift: Int, outputZeroPoint: Int32,
                  outputClamp: ClosedRange<Int32>)
    /// `y = table[q + 128]` for int8 `q`: any elementwise function (sigmoid, tanh, leaky ReLU), exact
    /// by construction since the table lists the output for every input.
    case lookupTable([Int8])
    /// `de1soc-q10` sigmoid on Q10 values: `knots[i] = round(σ(i/4) × 2^10)` for `i` in `0...32`;
    /// for `a = min(|x|, 8·2^10)`, `i = min(a >> 8, 31)`,
    /// `y⁺ = knots[i] + floor(((knots[i+1] − knots[i]) × (a − 256 i) + 128) / 256)`; `y = x < 0 ? 2^10 − y⁺ : y⁺`.
    case piecewiseLinearSigmoid(knots: [Int32])
    /// `min(max(q, range.lower), range.upper)`: a ReLU or Clip the quantizer could not fold.
    case clamp(ClosedRange<Int32>)
    /// Layout only (Flatten, Reshape, Squeeze, Unsqueeze): the elements are unchanged, the layer's
    /// shape is the new one.
    case reshape
    /// Layout only: channels `start ..< start + count` of `[N, C, …]` (Slice and Split of the
    /// channel axis); the values and their scale are unchanged.
    case sliceChannels(start: Int, count: Int)
    /// Layout only: output channel `j × groups + i` is input channel `i × (C / groups) + j`
    /// (ShuffleNet's Reshape–Transpose–Reshape); the values and their scale are unchanged.
    case channelShuffle(groups: Int)
    /// Constant padding with `value` (the output's quantized pad value; the zero point for 0).
    /// `pads` holds the begin amounts of all axes, then the end amounts.
    case pad(pads: [Int], value: Int32)
}
