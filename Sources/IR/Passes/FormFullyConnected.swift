/// Turns matrix products with constant weights into `fullyConnected` layers (`W [M, K]`, `B [M]`):
///
/// - `Gemm` with `transA = 0`, a constant 2-D `B` and an optional constant `C` that broadcasts along
///   the output features (`[]`, `[1]`, `[M]`, `[1, M]`): `W = alpha * op(B)ᵀ`, `B = beta * C`.
/// - `MatMul(X [N, K], W [K, M])` whose only reader is an `Add` of a constant `[M]` or `[1, M]`:
///   the pair becomes one layer with `W = Wᵀ` and that bias.
///
/// Every other Gemm and MatMul is left as it is.
///
/// One sweep: who reads each value is computed once and kept current (`Readers`), merged `Add`s
/// and replaced constants are removed at the end, so the pass is linear in the node count.
public struct FormFullyConnected: GraphPass {
    public let name = "form-fc"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var result = graph
        var readers = Readers(graph)
        for index in result.nodes.indices.reversed() {
            switch result.nodes[index].op {
            case .gemm(let attributes): formFromGemm(at: index, attributes, in: &result, &readers)
            case .matMul: formFromMatMulAdd(at: index, in: &result, &readers)
            case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
                 .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
                 .add, .sub, .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice,
                 .split, .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
                 .dequantizeLinear: break
            }
        }
        result.nodes = result.nodes.indices.filter { !readers.mergedAdds.contains($0) }.map { result.nodes[$0] }
        result.dropUnreadInitializers(readers.replacedConstants)
        return result
    }

    /// The nodes reading each value, by their index in the graph the pass started from, and what the
    /// pass removes at the end.
    private struct Readers {
        var byValue: [String: [Int]]
        let graphOutputs: Set<String>
        /// `Add`s merged into the fully-connected layer before them.
        var mergedAdds: Set<Int> = []
        /// Constants the new layers no longer read.
        var replacedConstants: [String] = []

        init(_ graph: Graph) {
            byValue = graph.readers()
            graphOutputs = Set(graph.outputs)
        }

        func isPrivate(_ value: String, to reader: Int) -> Bool {
            !graphOutputs.contains(value) && byValue[value] == [reader]
        }

        /// The node at `reader` reads `new` where it read `old`.
        mutating func move(_ reader: Int, from old: String, to new: String) {
            guard old != new else { return }
            byValue[old]?.removeAll { $0 == reader }
            if byValue[old]?.isEmpty == true { byValue[old] = nil }
            byValue[new, default: []].append(reader)
        }

        /// The node at `new` reads `value` where the node at `old` did.
        mutating func replace(_ old: Int, with new: Int, readingOf value: String) {
            byValue[value] = (byValue[value] ?? []).filter { $0 != old } + [new]
        }
    }

    private func formFromGemm(at index: Int, _ attributes: GemmAttributes, in graph: inout Graph, _ readers: inout Readers) {
        let gemm = graph.nodes[index]
        guard !attributes.transA, isMatrixInput(gemm.inputs[0], graph),
              let matrix = graph.floatConstant(gemm.inputs[1]), matrix.shape.rank == 2
        else { return }
        let features = attributes.transB ? matrix.shape[0] : matrix.shape[1]
        let biasName = gemm.inputs.count > 2 ? gemm.inputs[2] : ""
        var bias: [Float]?
        if !biasName.isEmpty {
            guard let constant = graph.floatConstant(biasName),
                  let perFeature = featureVector(constant, features: features) else { return }
            bias = perFeature.map { $0 * attributes.beta }
        }
        var weight = attributes.transB ? matrix : transposed(matrix)
        if attributes.alpha != 1 { weight = Tensor(shape: weight.shape, floats: weight.floats.map { $0 * attributes.alpha }) }
        replace(at: index, in: &graph, &readers, weight: weight, weightBase: gemm.inputs[1],
                bias: bias, biasBase: biasName.isEmpty ? gemm.name + ".bias" : biasName, outputs: gemm.outputs)
    }

    private func formFromMatMulAdd(at index: Int, in graph: inout Graph, _ readers: inout Readers) {
        let matMul = graph.nodes[index]
        guard isMatrixInput(matMul.inputs[0], graph),
              let matrix = graph.floatConstant(matMul.inputs[1]), matrix.shape.rank == 2,
              let addIndex = readers.byValue[matMul.outputs[0]]?.first, case .add = graph.nodes[addIndex].op,
              graph.nodes[addIndex].inputs.count == 2, readers.isPrivate(matMul.outputs[0], to: addIndex)
        else { return }
        let add = graph.nodes[addIndex]
        let biasName = add.inputs[0] == matMul.outputs[0] ? add.inputs[1] : add.inputs[0]
        guard biasName != matMul.outputs[0], let constant = graph.floatConstant(biasName),
              constant.shape == [matrix.shape[1]] || constant.shape == [1, matrix.shape[1]]
        else { return }
        readers.mergedAdds.insert(addIndex)
        readers.replace(addIndex, with: index, readingOf: biasName)
        graph.nodes[index].inputs.append(biasName)
        replace(at: index, in: &graph, &readers, weight: transposed(matrix), weightBase: matMul.inputs[1],
                bias: constant.floats, biasBase: biasName, outputs: add.outputs)
    }

    /// Replaces the node at `index` by a fully-connected layer reading the same input and the given
    /// weight and bias. The node's inputs 1 and 2 name the constants they replace.
    private func replace(at index: Int, in graph: inout Graph, _ readers: inout Readers, weight: Tensor, weightBase: String,
                         bias: [Float]?, biasBase: String, outputs: [String]) {
        let old = graph.nodes[index]
        graph.nodes[index] = Node(name: old.name, op: .fullyConnected(activation: nil),
                                  inputs: Array(old.inputs.prefix(bias == nil ? 2 : 3)), outputs: outputs)
        let constants = [(1, weight, weightBase)] + (bias.map { [(2, Tensor(shape: [$0.count], floats: $0), biasBase)] } ?? [])
        for (input, tensor, base) in constants {
            let current = graph.nodes[index].inputs.count > input ? graph.nodes[index].inputs[input] : ""
            let name = graph.setConstantInput(input, ofNodeAt: index, to: tensor, baseName: base) { readers.isPrivate($0, to: index) }
            readers.move(index, from: current, to: name)
        }
        readers.replacedConstants += old.inputs.dropFirst()
    }

    /// The input is a float `[N, K]` matrix, as a fully-connected layer reads it.
    private func isMatrixInput(_ value: String, _ graph: Graph) -> Bool {
        guard let type = graph.types[value] else { return false }
        return type.elementType == .float32 && type.shape.rank == 2
    }

    /// The values of a Gemm `C` that broadcasts along the output features only, expanded to one per
    /// feature; `nil` if `C` varies along the batch axis or has another extent.
    private func featureVector(_ tensor: Tensor, features: Int) -> [Float]? {
        let dims = tensor.shape.dims
        guard dims.count <= 2, dims.count < 2 || dims[0] == 1 else { return nil }
        switch dims.last ?? 1 {
        case features: return tensor.floats
        case 1: return [Float](repeating: tensor.floats[0], count: features)
        default: return nil
        }
    }

    private func transposed(_ matrix: Tensor) -> Tensor {
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let values = matrix.floats
        let result = (0..<columns).flatMap { column in (0..<rows).map { row in values[row * columns + column] } }
        return Tensor(shape: [columns, rows], floats: result)
    }
}
