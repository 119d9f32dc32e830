/// Turns an inference-mode `BatchNormalization` that `fold-batchnorm` could not fold (DenseNet's BN
/// after a Concat, a per-channel affine rewritten by `affine-to-batchnorm`) into a depthwise 1×1
/// convolution: group = channels, weight `[C, 1, 1, 1]` (`[C, 1, 1]` in 1-D) holding
/// `scale / sqrt(var + epsilon)`, bias `B − mean × that`. The accelerator runs convolutions, so
/// the affine needs no op of its own. Applies to rank-3 and rank-4 inputs with constant operands.
public struct BatchNormalizationToConv: GraphPass {
    public let name = "batchnorm-to-conv"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var result = graph
        for index in result.nodes.indices {
            let norm = result.nodes[index]
            guard case .batchNormalization(let epsilon) = norm.op,
                  let type = result.types[norm.inputs[0]], (3...4).contains(type.shape.rank) else { continue }
            let channels = type.shape[1]
            let spatial = type.shape.rank - 2
            let ones = Tensor(shape: Shape([channels, 1] + [Int](repeating: 1, count: spatial)),
                              floats: [Float](repeating: 1, count: channels))
            guard let folded = FoldedLayer(weight: ones, bias: nil, epsilon: epsilon,
                                           normalization: norm.inputs[1...4].compactMap(result.floatConstant)) else { continue }
            let weightName = result.unusedValueName("\(norm.name).weight")
            result.initializers[weightName] = folded.weight
            result.types[weightName] = folded.weight.type
            let biasName = result.unusedValueName("\(norm.name).bias")
            result.initializers[biasName] = folded.bias
            result.types[biasName] = folded.bias.type
            let unit = [Int](repeating: 1, count: spatial)
            let attributes = ConvAttributes(kernelShape: unit, strides: unit, dilations: unit,
                                            padding: .explicit([Int](repeating: 0, count: 2 * spatial)), group: channels)
            result.nodes[index] = Node(name: norm.name, op: .conv(attributes), inputs: [norm.inputs[0], weightName, biasName],
                                       outputs: norm.outputs)
            result.dropUnreadInitializers(Array(norm.inputs[1...4]))
        }
        return result
    }
}
