/// Static shape and element-type inference for the graph IR, with ONNX semantics.
///
/// It walks the nodes in order and types every output. Along the way it propagates small
/// constants (initializers, `Shape` of a typed value, and any node whose inputs are all known) so
/// that operands which must be compile-time constants, such as the target of `Reshape` computed by
/// a `Shape`→`Gather`→`Unsqueeze`→`Concat` chain, resolve before constant folding has run.
public enum ShapeInference {
    /// Constants with more elements than this are not evaluated during inference; shape vectors
    /// are far smaller, and larger folds belong to the constant-folding pass.
    package static let propagationLimit = 1 << 16

    /// Returns `graph` with `types` holding the static type of every graph input, initializer and
    /// node output, and its Slices' computed bounds resolved (`resolvingSliceBounds`). Throws `IRError.shapeMismatch` (or another `IRError`) naming the first node whose
    /// operands do not fit its op.
    public static func infer(_ graph: Graph) throws -> Graph {
        var types: [String: TensorType] = [:]
        for input in graph.inputs { types[input.name] = input.type }
        for (name, tensor) in graph.initializers { types[name] = tensor.type }
        var constants = graph.initializers
        var nodes: [Node] = []
        for unresolved in graph.nodes {
            let node = try resolvingSliceBounds(unresolved, constants: constants)
            nodes.append(node)
            let operands = try NodeOperands(
                node: node,
                types: node.inputs.map { name in
                    if name.isEmpty { return nil }
                    guard let type = types[name] else { throw IRError.undefinedValue(node: node.name, value: name) }
                    return type
                },
                constants: node.inputs.map { $0.isEmpty ? nil : constants[$0] })
            let outputTypes = try outputTypes(of: operands)
            for (name, type) in zip(node.outputs, outputTypes) where !name.isEmpty { types[name] = type }
            for (name, value) in try propagatedConstants(operands, outputTypes: outputTypes) where !name.isEmpty {
                constants[name] = value
            }
        }
        var typed = graph
        typed.nodes = nodes
        typed.types = types
        return typed
    }

    /// The output types of one node, one per output the op defines. Throws if the operands do not
    /// fit the op or if the node declares more outputs than the op has.
    package static func outputTypes(of operands: NodeOperands) throws -> [TensorType] {
        let types = try opOutputTypes(operands)
        guard operands.node.outputs.count <= types.count else {
            throw operands.node.shapeMismatch("declares \(operands.node.outputs.count) outputs, the op has \(types.count)")
        }
        for type in types where type.shape.checkedElementCount == nil {
            throw operands.node.shapeMismatch("output shape \(type.shape) is negative or larger than \(Shape.maximumElementCount) elements")
        }
        return types
    }

    /// The int64 vector `Shape` yields for a value of type `type`.
    package static func shapeVector(of type: TensorType, start: Int, end: Int?) -> Tensor {
        let rank = type.shape.rank
        func clamp(_ bound: Int) -> Int { min(max(bound < 0 ? bound + rank : bound, 0), rank) }
        let from = clamp(start)
        let to = max(from, clamp(end ?? rank))
        return Tensor(shape: [to - from], int64s: type.shape.dims[from..<to].map(Int64.init))
    }

    /// Constant outputs of a node whose inputs are all known and small, keyed by output name.
    private static func propagatedConstants(_ operands: NodeOperands,
                                            outputTypes: [TensorType]) throws -> [(String, Tensor)] {
        let node = operands.node
        if case .shape(let start, let end) = node.op {
            return [(node.outputs[0], shapeVector(of: try operands.type(0), start: start, end: end))]
        }
        let present = node.inputs.indices.filter { !node.inputs[$0].isEmpty }
        let inputs = present.compactMap { operands.constants[$0] }
        guard !present.isEmpty, inputs.count == present.count,
              inputs.allSatisfy({ $0.shape.elementCount <= propagationLimit }),
              outputTypes.allSatisfy({ $0.shape.elementCount <= propagationLimit }) else { return [] }
        let values = try Evaluator().evaluate(node, operands.constants)
        return Array(zip(node.outputs, values))
    }

    private static func opOutputTypes(_ operands: NodeOperands) throws -> [TensorType] {
        switch operands.node.op {
        case .conv(let attributes): return [try convType(operands, attributes)]
        case .fullyConnected: return [try fullyConnectedType(operands)]
        case .maxPool(let attributes), .averagePool(let attributes): return [try poolType(operands, attributes)]
        case .globalAveragePool, .globalMaxPool: return [try globalPoolType(operands)]
        case .reduceMean(let axes, let keepDims): return [try reduceType(operands, axes: axes, keepDims: keepDims)]
        case .relu, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish: return [try operands.floatType(0)]
        case .softmax(let axis, _): return [try softmaxType(operands, axis: axis)]
        case .lrn(let attributes): return [try lrnType(operands, attributes)]
        case .batchNormalization: return [try batchNormalizationType(operands)]
        case .gemm(let attributes): return [try gemmType(operands, attributes)]
        case .matMul: return [try matMulType(operands)]
        case .add, .sub, .mul, .div: return [try broadcastType(operands)]
        case .concat(let axis): return [try concatType(operands, axis: axis)]
        case .flatten(let axis): return [try flattenType(operands, axis: axis)]
        case .reshape(let allowZero): return [try reshapeType(operands, allowZero: allowZero)]
        case .transpose(let perm): return [try transposeType(operands, perm: perm)]
        case .squeeze(let axes): return [try squeezeType(operands, axes: axes)]
        case .unsqueeze(let axes): return [try unsqueezeType(operands, axes: axes)]
        case .pad(let mode, let pads, _): return [try padType(operands, mode: mode, pads: pads)]
        case .slice(let attributes): return [try sliceType(operands, attributes)]
        case .split(let axis, let sizes): return try splitTypes(operands, axis: axis, sizes: sizes)
        case .channelShuffle(let groups): return [try channelShuffleType(operands, groups: groups)]
        case .dropout:
            let type = try operands.type(0)
            return [type, TensorType(.bool, type.shape)]
        case .identity: return [try operands.type(0)]
        case .constantOfShape(let value): return [try constantOfShapeType(operands, value: value)]
        case .shape(let start, let end): return [shapeVector(of: try operands.type(0), start: start, end: end).type]
        case .gather(let axis): return [try gatherType(operands, axis: axis)]
        case .cast(let target): return [TensorType(target, try operands.type(0).shape)]
        case .quantizeLinear(let axis): return [try quantizeType(operands, axis: axis)]
        case .dequantizeLinear(let axis): return [try dequantizeType(operands, axis: axis)]
        }
    }

    /// `axis` made non-negative for a rank-`rank` tensor; throws unless it lies in `-rank..<rank`
    /// (or `-rank...rank` when `inclusive`).
    package static func normalizedAxis(_ axis: Int, rank: Int, node: Node, inclusive: Bool = false) throws -> Int {
        let upper = inclusive ? rank : rank - 1
        guard axis >= -rank, axis <= upper else {
            throw node.shapeMismatch("axis \(axis) is out of range for rank \(rank)")
        }
        return axis < 0 ? axis + rank : axis
    }
}
