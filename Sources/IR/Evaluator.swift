/// Evaluates one node on concrete tensors with exact ONNX semantics (fp32 for the math, integer
/// storage for shape computations): every op except the matrix products (convolution,
/// fully-connected, Gemm, MatMul), which need BLAS and live in the Reference module's evaluator.
/// Constant folding, shape inference's constant propagation and the QDQ reader use it.
public struct Evaluator: NodeEvaluating {
    public init() {}

    public func canEvaluate(_ op: Op) -> Bool {
        switch op {
        case .conv, .fullyConnected, .gemm, .matMul:
            return false
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .relu, .leakyRelu, .clip, .sigmoid, .tanh,
             .hardSigmoid, .hardSwish, .swish, .reduceMean, .softmax, .lrn, .batchNormalization, .add, .sub, .mul, .div, .concat,
             .flatten, .reshape, .squeeze, .unsqueeze, .identity, .transpose, .pad, .slice, .split, .channelShuffle,
             .dropout, .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            return true
        }
    }

    /// Evaluates `node` on `inputs` (one per node input; `nil` for an omitted optional input) and
    /// returns one tensor per output the op defines. The operands are checked as shape inference
    /// checks them; errors name the node. A matrix product throws `IRError.needsFloatReference`.
    public func evaluate(_ node: Node, _ inputs: [Tensor?]) throws -> [Tensor] {
        var shared = inputs
        return try evaluate(node, consuming: &shared)
    }

    /// `evaluate(node, inputs)`, computing an elementwise op (the unary activations; Add, Sub, Mul
    /// and Div of floats) in the storage of the input that has the output's shape, which it takes
    /// out of `inputs`. When the caller passed the only reference to that tensor, the op runs in
    /// place: its output is the input's buffer and no second copy exists at any time.
    public func evaluate(_ node: Node, consuming inputs: inout [Tensor?]) throws -> [Tensor] {
        let types = try ShapeInference.outputTypes(of: NodeOperands(node: node, types: inputs.map { $0?.type }, constants: inputs))
        if let data = try Self.inPlaceOutput(node, &inputs, output: types[0].shape) {
            return [Tensor(shape: types[0].shape, data: data)]
        }
        let operands = NodeOperands(node: node, types: inputs.map { $0?.type }, constants: inputs)
        return try zip(types, outputs(operands, types: types)).map { type, data in
            Tensor(shape: type.shape, data: data)
        }
    }

    /// The output of a unary activation (always), or of a float Add/Sub/Mul/Div with two inputs one
    /// of which has the output's shape, computed in the storage of that input, which is taken out
    /// of `inputs`; `nil` (and `inputs` untouched) for every other node.
    private static func inPlaceOutput(_ node: Node, _ inputs: inout [Tensor?], output: Shape) throws -> TensorData? {
        switch node.op {
        case .relu, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish:
            // Shape inference admitted only a float operand.
            guard var values = takeFloats(&inputs, 0) else { preconditionFailure("\(node.name): a float operand was checked") }
            ElementwiseKernel.apply(node.op, to: &values)
            return .float32(values)
        case .add, .sub, .mul, .div:
            // Nothing here may hold the taken operand: a second reference would make writing it copy.
            guard inputs.count == 2, inputs.allSatisfy({ $0?.data.elementType == .float32 }),
                  let index = [0, 1].first(where: { inputs[$0]?.shape == output }),
                  let other = inputs[1 - index], var values = takeFloats(&inputs, index) else { return nil }
            BinaryKernel.evaluateInPlace(node, &values, isLeft: index == 0, other: other.floats, otherShape: other.shape,
                                         output: output)
            return .float32(values)
        case .conv, .fullyConnected, .gemm, .matMul, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean,
             .softmax, .lrn, .batchNormalization, .concat, .flatten, .reshape, .squeeze, .unsqueeze, .identity, .transpose,
             .pad, .slice, .split, .channelShuffle, .dropout, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear:
            return nil
        }
    }

    /// The float elements of `inputs[index]`, taken out of `inputs`. When `inputs` held the only
    /// reference to the tensor, the caller now owns its storage and writes it without a copy.
    private static func takeFloats(_ inputs: inout [Tensor?], _ index: Int) -> [Float]? {
        guard case .float32(let values)? = inputs[index]?.data else { return nil }
        inputs[index] = nil
        return values
    }

    private func outputs(_ operands: NodeOperands, types: [TensorType]) throws -> [TensorData] {
        let node = operands.node
        let x = try operands.constant(0)
        let output = types[0].shape
        switch node.op {
        case .conv, .fullyConnected, .gemm, .matMul:
            throw IRError.needsFloatReference(node: node.name, op: node.op.operatorName)
        case .maxPool(let attributes):
            return [.float32(try PoolKernel(node: node, x: x.shape, attributes: attributes).max(x.floats))]
        case .averagePool(let attributes):
            return [.float32(try PoolKernel(node: node, x: x.shape, attributes: attributes).average(x.floats))]
        case .globalAveragePool, .globalMaxPool:
            return [.float32(PoolKernel.global(x.floats, planes: x.shape[0] * x.shape[1], maximum: node.op == .globalMaxPool))]
        case .reduceMean(let axes, _):
            let reduced = try ShapeInference.reducedAxes(axes, rank: x.shape.rank, node: node)
            return [.float32(ReduceKernel.mean(x.floats, shape: x.shape, axes: reduced))]
        case .relu, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish:
            preconditionFailure("\(node.op.operatorName) is evaluated in place (inPlaceOutput)")
        case .softmax(let axis, let coerce2D):
            let axis = try ShapeInference.normalizedAxis(axis, rank: x.shape.rank, node: node)
            return [.float32(SoftmaxKernel.softmax(x.floats, shape: x.shape, axis: axis, coerce2D: coerce2D))]
        case .lrn(let attributes):
            return [.float32(LRNKernel.normalize(x.floats, shape: x.shape, attributes))]
        case .batchNormalization(let epsilon):
            let parameters = try (1...4).map { try operands.constant($0).floats }
            return [.float32(BatchNormKernel.normalize(x.floats, shape: x.shape, scale: parameters[0], bias: parameters[1],
                                                       mean: parameters[2], variance: parameters[3], epsilon: epsilon))]
        case .add:
            return [try sum(operands)]
        case .sub, .mul, .div:
            return [try BinaryKernel.evaluate(node, x, try operands.constant(1), output: output)]
        case .concat(let axis):
            let parts = try operands.types.indices.map { try operands.constant($0) }
            let axis = try ShapeInference.normalizedAxis(axis, rank: x.shape.rank, node: node)
            return [LayoutKernel.concat(parts, axis: axis)]
        case .flatten, .reshape, .squeeze, .unsqueeze, .identity:
            return [x.data]
        case .transpose(let perm):
            let permutation = try ShapeInference.transposePermutation(node: node, rank: x.shape.rank, perm: perm)
            return [LayoutKernel.transpose(x, permutation: permutation)]
        case .pad(let mode, let pads, let value):
            return [LayoutKernel.pad(x, mode: mode, pads: pads, value: value, output: output)]
        case .slice(let attributes):
            return [LayoutKernel.slice(x, ranges: try attributes.ranges(for: x.shape, node: node))]
        case .split(let axis, let sizes):
            return try splitParts(operands, x: x, axis: axis, sizes: sizes)
        case .channelShuffle(let groups):
            return [LayoutKernel.channelShuffle(x, groups: groups)]
        case .dropout:
            return [x.data, .bool([Bool](repeating: true, count: x.shape.elementCount))]
        case .constantOfShape(let value):
            return [LayoutKernel.repeated(value.data, count: output.elementCount)]
        case .shape(let start, let end):
            return [ShapeInference.shapeVector(of: x.type, start: start, end: end).data]
        case .gather(let axis):
            let axis = try ShapeInference.normalizedAxis(axis, rank: x.shape.rank, node: node)
            return [try LayoutKernel.gather(node, data: x, indices: try operands.constant(1), axis: axis)]
        case .cast(let target):
            return [CastKernel.cast(x.data, to: target)]
        case .quantizeLinear(let axis):
            let zeroPoint = try Self.optional(operands, 2)
            return [QuantizeKernel.quantize(x, scale: try operands.constant(1), zeroPoint: zeroPoint, axis: axis,
                                            target: zeroPoint?.data.elementType ?? .uint8)]
        case .dequantizeLinear(let axis):
            return [.float32(QuantizeKernel.dequantize(x, scale: try operands.constant(1),
                                                       zeroPoint: try Self.optional(operands, 2), axis: axis))]
        }
    }

    /// The inputs added left to right, each partial sum broadcast with the next input.
    private func sum(_ operands: NodeOperands) throws -> TensorData {
        var total = try operands.constant(0)
        for index in operands.types.indices.dropFirst() {
            let next = try operands.constant(index)
            guard let shape = Broadcasting.shape(total.shape, next.shape) else {
                throw operands.node.shapeMismatch("shapes \(total.shape) and \(next.shape) do not broadcast")
            }
            total = Tensor(shape: shape, data: try BinaryKernel.evaluate(operands.node, total, next, output: shape))
        }
        return total.data
    }

    /// The consecutive parts of `x` along `axis` that a Split cuts.
    private func splitParts(_ operands: NodeOperands, x: Tensor, axis: Int, sizes: [Int]?) throws -> [TensorData] {
        let node = operands.node
        let axis = try ShapeInference.normalizedAxis(axis, rank: x.shape.rank, node: node)
        var start = 0
        return try ShapeInference.splitSizes(node: node, extent: x.shape[axis], sizes: sizes).map { size in
            var ranges = x.shape.dims.map { SliceAttributes.AxisRange(start: 0, count: $0, step: 1) }
            ranges[axis] = SliceAttributes.AxisRange(start: start, count: size, step: 1)
            start += size
            return LayoutKernel.slice(x, ranges: ranges)
        }
    }

    /// Optional input `index`, `nil` when omitted.
    public static func optional(_ operands: NodeOperands, _ index: Int) throws -> Tensor? {
        operands.optionalType(index) == nil ? nil : try operands.constant(index)
    }
}
