/// Rewrites an elementwise `Mul`, `Add`, `Sub` or `Div` of an activation `x` (`[N, C, …]`) by a
/// constant that is one value per channel (or one value in all) as an inference-mode
/// `BatchNormalization` with mean 0, variance 1 and epsilon 0: `x × s + b`. Then
/// `fold-batchnorm` folds it into the conv or fully-connected layer before it, and
/// `batchnorm-to-conv` makes a depthwise 1×1 convolution of what is left, so a per-channel affine
/// needs no op of its own on the accelerator.
///
/// `c − x` becomes scale −1 and bias `c`; `c / x` is not affine and stays.
public struct AffineToBatchNormalization: GraphPass {
    public let name = "affine-to-batchnorm"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var result = graph
        for index in result.nodes.indices {
            guard let affine = perChannelAffine(result.nodes[index], in: result) else { continue }
            let node = result.nodes[index]
            let channels = affine.scale.count
            let names = ["scale", "bias", "mean", "var"].map { result.unusedValueName("\(node.name).\($0)") }
            let values = [affine.scale, affine.bias, [Float](repeating: 0, count: channels), [Float](repeating: 1, count: channels)]
            for (name, value) in zip(names, values) {
                result.initializers[name] = Tensor(shape: [channels], floats: value)
                result.types[name] = TensorType(.float32, [channels])
            }
            result.nodes[index] = Node(name: node.name, op: .batchNormalization(epsilon: 0),
                                       inputs: [affine.input] + names, outputs: node.outputs)
            result.dropUnreadInitializers(node.inputs)
        }
        return result
    }

    /// The activation input and per-channel `scale` and `bias` of an affine node, or `nil`.
    private func perChannelAffine(_ node: Node, in graph: Graph) -> (input: String, scale: [Float], bias: [Float])? {
        guard node.inputs.count == 2, node.outputs.count == 1 else { return nil }
        for (variable, constant) in [(0, 1), (1, 0)] {
            guard graph.initializers[node.inputs[variable]] == nil,
                  let type = graph.types[node.inputs[variable]], type.shape.rank >= 2, type.elementType == .float32,
                  graph.types[node.outputs[0]]?.shape == type.shape,
                  let value = graph.floatConstant(node.inputs[constant]),
                  let perChannel = Self.perChannelValues(value, of: type.shape) else { continue }
            let ones = [Float](repeating: 1, count: perChannel.count), zeros = [Float](repeating: 0, count: perChannel.count)
            switch node.op {
            case .mul: return (node.inputs[variable], perChannel, zeros)
            case .add: return (node.inputs[variable], ones, perChannel)
            case .sub where variable == 0: return (node.inputs[variable], ones, perChannel.map { -$0 })
            case .sub: return (node.inputs[variable], ones.map { -$0 }, perChannel)
            case .div where variable == 0 && perChannel.allSatisfy({ $0 != 0 }): return (node.inputs[variable], perChannel.map { 1 / $0 }, zeros)
            case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
                 .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
                 .gemm, .matMul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
                 .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
                 .dequantizeLinear: return nil
            }
        }
        return nil
    }

    /// One value per channel of an activation of shape `shape` when `constant` broadcasts to it
    /// along the channel axis only (or is a single value); `nil` otherwise.
    static func perChannelValues(_ constant: Tensor, of shape: Shape) -> [Float]? {
        let channels = shape[1]
        let dims = constant.shape.dims
        guard dims.count <= shape.rank else { return nil }
        let aligned = [Int](repeating: 1, count: shape.rank - dims.count) + dims
        let nonUnit = aligned.indices.filter { aligned[$0] != 1 }
        if nonUnit.isEmpty { return [Float](repeating: constant.floats[0], count: channels) }
        guard nonUnit == [1], aligned[1] == channels else { return nil }
        return constant.floats
    }
}
