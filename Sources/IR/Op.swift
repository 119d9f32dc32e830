/// Every operation the graph IR knows. Each case carries its attributes as typed values, so adding
/// an op forces every `switch` over `Op` (shape inference, the interpreters, the printer, the
/// passes) to decide what to do with it.
///
/// Tensor operands (weights, biases, shape vectors) are node inputs, never attributes: they live in
/// `Graph.initializers` or are computed by other nodes. Operands that ONNX sometimes passes as
/// inputs but that vggc needs at compile time (Clip bounds, Squeeze/Unsqueeze axes, Pad amounts) are
/// resolved to attributes by the frontend.
public enum Op: Hashable, Sendable {
    // MARK: Layers the accelerator runs

    /// Convolution. Inputs: `X`, `W`, optional `B`.
    case conv(ConvAttributes)
    /// Fully-connected layer, `Y[n, m] = act(sum_k X[n, k] * W[m, k] + B[m])`. Inputs: `X [N, K]`,
    /// `W [M, K]`, optional `B [M]`. Produced from Gemm / MatMul+Add by a pass.
    case fullyConnected(activation: Activation?)
    /// Max pooling over a window. Input: `X`.
    case maxPool(PoolAttributes)
    /// Average pooling over a window. Input: `X`.
    case averagePool(PoolAttributes)
    /// Mean over all spatial positions, keeping rank (`[N, C, 1, 1]`).
    case globalAveragePool
    /// Maximum over all spatial positions, keeping rank.
    case globalMaxPool
    /// Mean over `axes` (every axis when `nil`), keeping them as extent 1 when `keepDims`. Over
    /// exactly the spatial axes it is a global average pool, which is what the quantizer makes of it.
    case reduceMean(axes: [Int]?, keepDims: Bool)

    // MARK: Activations and normalisation

    case relu
    /// `x >= 0 ? x : alpha * x`.
    case leakyRelu(alpha: Float)
    /// `min(max(x, min), max)`; absent bounds are -inf / +inf.
    case clip(min: Float, max: Float)
    case sigmoid
    case tanh
    /// `max(0, min(1, alpha * x + beta))`.
    case hardSigmoid(alpha: Float, beta: Float)
    /// `x * max(0, min(1, x / 6 + 1/2))`.
    case hardSwish
    /// `x * sigmoid(alpha * x)`; SiLU when `alpha` is 1. Also formed from `Mul(x, Sigmoid(x))`.
    case swish(alpha: Float)
    /// Softmax along `axis`. With `coerce2D` (opsets before 13) the input is viewed as 2-D,
    /// `[prod(dims[..<axis]), prod(dims[axis...])]`, and normalised along the second axis.
    case softmax(axis: Int, coerce2D: Bool)
    /// Local response normalisation across channels.
    case lrn(LRNAttributes)
    /// Inference-mode batch normalisation. Inputs: `X`, `scale`, `B`, `mean`, `var`.
    case batchNormalization(epsilon: Float)

    // MARK: Linear algebra

    /// ONNX Gemm. Inputs: `A`, `B`, optional `C`.
    case gemm(GemmAttributes)
    /// ONNX MatMul with numpy broadcasting of batch axes. Inputs: `A`, `B`.
    case matMul

    // MARK: Elementwise, numpy broadcasting

    /// The sum of one or more inputs (ONNX Add, and Sum with any number of inputs).
    case add
    case sub
    case mul
    case div

    // MARK: Layout

    /// Concatenation along `axis` (non-negative after import).
    case concat(axis: Int)
    /// `[d0, ..., dn] -> [prod(d[..<axis]), prod(d[axis...])]`.
    case flatten(axis: Int)
    /// Reshape to the shape given by input 1 (an int64 vector; `0` copies the input's extent
    /// unless `allowZero`, `-1` is inferred). Inputs: `data`, `shape`.
    case reshape(allowZero: Bool)
    /// Axis permutation; `nil` reverses the axes.
    case transpose(perm: [Int]?)
    /// Removes the listed size-1 axes, or every size-1 axis when `nil`.
    case squeeze(axes: [Int]?)
    /// Inserts size-1 axes at the listed positions of the output.
    case unsqueeze(axes: [Int])
    /// Pads every axis: `pads` holds the begin amounts of all axes, then the end amounts.
    case pad(mode: PadMode, pads: [Int], value: Float)
    /// ONNX Slice with its (compile-time) operands as attributes.
    case slice(SliceAttributes)
    /// Splits input 0 along `axis` into one output per part: `sizes` gives each part's extent;
    /// `nil` cuts equal parts of `ceil(extent / outputs)`, the last one smaller if need be.
    case split(axis: Int, sizes: [Int]?)
    /// Channel shuffle of `[N, C, ...]`: the channels viewed as `[groups, C / groups]` and
    /// transposed, so output channel `j * groups + i` is input channel `i * (C / groups) + j`.
    /// Formed from ShuffleNet's `Reshape → Transpose(0, 2, 1, …) → Reshape`.
    case channelShuffle(groups: Int)

    // MARK: Graph plumbing

    /// Inference-mode dropout: the identity. Outputs: `Y`, optional `mask`.
    case dropout
    case identity
    /// A tensor of the shape given by input 0 (int64 vector), filled with `value`'s single element.
    case constantOfShape(value: Tensor)
    /// The input's shape as an int64 vector, sliced to `start..<end` (negative counts from the end).
    case shape(start: Int, end: Int?)
    /// Gathers slices of input 0 along `axis` at the int indices of input 1 (negative wrap).
    case gather(axis: Int)
    /// Element type conversion.
    case cast(to: DataType)

    // MARK: Quantization (imported for the quantizer)

    /// `y = saturate(round_half_even(x / scale) + zero_point)`. Inputs: `x`, `scale`, optional
    /// `zero_point` (its type decides int8 or uint8). `axis` selects per-axis scales.
    case quantizeLinear(axis: Int)
    /// `y = (x - zero_point) * scale`. Inputs: `x`, `scale`, optional `zero_point`.
    case dequantizeLinear(axis: Int)
}
