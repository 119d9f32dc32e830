import IR

/// The float reference for one node: the matrix products (convolution, fully-connected, Gemm,
/// MatMul) on OpenBLAS, every other op through IR's `Evaluator`.
public struct ReferenceEvaluator: NodeEvaluating {
    public init() {}

    public func canEvaluate(_ op: Op) -> Bool { true }

    /// Evaluates `node` on `inputs` (one per node input; `nil` for an omitted optional input) and
    /// returns one tensor per output the op defines; errors name the node.
    public func evaluate(_ node: Node, _ inputs: [Tensor?]) throws -> [Tensor] {
        let operands = NodeOperands(node: node, types: inputs.map { $0?.type }, constants: inputs)
        let product: TensorData
        switch node.op {
        case .conv(let attributes):
            let (x, w) = (try operands.constant(0), try operands.constant(1))
            let kernel = try ConvKernel(node: node, x: x.shape, w: w.shape, attributes: attributes)
            product = .float32(kernel.run(input: x.floats, weight: w.floats, bias: try Evaluator.optional(operands, 2)?.floats,
                                          activation: attributes.activation))
        case .fullyConnected(let activation):
            let (x, w) = (try operands.constant(0), try operands.constant(1))
            product = .float32(GemmKernel.fullyConnected(x: x.floats, w: w.floats, bias: try Evaluator.optional(operands, 2)?.floats,
                                                         rows: x.shape[0], inputs: x.shape[1], outputs: w.shape[0],
                                                         activation: activation))
        case .gemm(let attributes):
            let (a, b) = (try operands.constant(0), try operands.constant(1))
            let extents = try ShapeInference.gemmExtents(node: node, a: a.shape, b: b.shape, attributes)
            product = .float32(GemmKernel.gemm(a: a.floats, b: b.floats, c: try Evaluator.optional(operands, 2), extents: extents,
                                               attributes: attributes))
        case .matMul:
            let (a, b) = (try operands.constant(0), try operands.constant(1))
            let layout = try ShapeInference.matMulLayout(node: node, a: a.shape, b: b.shape)
            product = .float32(GemmKernel.matMul(a: a, b: b, layout: layout))
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .relu, .leakyRelu, .clip, .sigmoid, .tanh,
             .hardSigmoid, .hardSwish, .swish, .reduceMean, .softmax, .lrn, .batchNormalization, .add, .sub, .mul, .div, .concat,
             .flatten, .reshape, .squeeze, .unsqueeze, .identity, .transpose, .pad, .slice, .split, .channelShuffle,
             .dropout, .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            return try Evaluator().evaluate(node, inputs)
        }
        return [Tensor(shape: try ShapeInference.outputTypes(of: operands)[0].shape, data: product)]
    }

    /// `evaluate(node, inputs)`; every op but the matrix products through IR's `Evaluator`, which
    /// computes elementwise ops in the storage of the tensors it takes from `inputs`.
    public func evaluate(_ node: Node, consuming inputs: inout [Tensor?]) throws -> [Tensor] {
        Evaluator().canEvaluate(node.op) ? try Evaluator().evaluate(node, consuming: &inputs) : try evaluate(node, inputs)
    }
}
