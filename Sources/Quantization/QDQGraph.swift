import IR

/// A pre-quantized (QDQ) model taken apart: the float graph without its QuantizeLinear and
/// DequantizeLinear nodes, the scale and zero point of every activation the model quantizes, and the
/// stored integers behind every dequantized constant.
///
/// Activation patterns are `x → QuantizeLinear → DequantizeLinear → readers`: the readers read `x`
/// again, and `x` gets the pair's parameters. uint8 activations become int8 exactly by subtracting
/// 128 from values and zero points. Constant patterns are `DequantizeLinear(integer initializer)`
/// (or a QuantizeLinear of a float initializer followed by one): the float graph holds the
/// dequantized tensor under the same name.
package struct QDQGraph: Sendable {
    /// The float graph with every QuantizeLinear/DequantizeLinear removed, typed.
    package var graph: Graph
    /// Scale and zero point (int8) of every quantized activation, by float value name.
    package var activations: [String: QuantParams]
    /// The integers behind every dequantized constant, by the float value name.
    package var constants: [String: QDQConstant]
    /// The node that quantizes each activation, for error messages.
    package var quantizingNodes: [String: String]

    /// Takes `imported` (typed by shape inference) apart. Throws `IRError.unsupportedQDQ` for a
    /// pattern that does not map onto int8 activations: a per-axis or 16-bit activation quantization,
    /// a DequantizeLinear whose parameters differ from its QuantizeLinear's, a quantized value read by
    /// anything but DequantizeLinear, a dequantized activation nothing quantized.
    package init(stripping imported: Graph) throws {
        graph = imported
        graph.nodes = []
        activations = [:]
        constants = [:]
        quantizingNodes = [:]
        var quantized: [String: (source: String, params: QuantParams, node: Node)] = [:]
        var aliases: [String: String] = [:]
        for original in imported.nodes {
            let node = Self.renamingInputs(original, aliases)
            switch node.op {
            case .quantizeLinear(let axis):
                if graph.initializers[node.inputs[0]] != nil {
                    graph.initializers[node.outputs[0]] = try Evaluator().evaluate(node, node.inputs.map { graph.initializers[$0] })[0]
                    continue
                }
                let params = try Self.activationParams(node, axis: axis, in: graph)
                quantized[node.outputs[0]] = (node.inputs[0], params, node)
                try record(node.inputs[0], params, by: node)
            case .dequantizeLinear(let axis):
                if let constant = try Self.constant(node, axis: axis, in: graph) {
                    graph.initializers[node.outputs[0]] = constant.dequantized
                    constants[node.outputs[0]] = constant
                    continue
                }
                guard let source = quantized[node.inputs[0]] else {
                    throw IRError.unsupportedQDQ(node: node.name, op: node.op.operatorName,
                                                 detail: "it dequantizes '\(node.inputs[0])', which no QuantizeLinear of this model produces")
                }
                let params = try Self.activationParams(node, axis: axis, in: graph)
                guard params == source.params else {
                    throw IRError.unsupportedQDQ(node: node.name, op: node.op.operatorName,
                                                 detail: "it dequantizes with scale \(params.scale), zero point \(params.zeroPoint) what '\(source.node.name)' quantized with scale \(source.params.scale), zero point \(source.params.zeroPoint) (a requantization)")
                }
                aliases[node.outputs[0]] = source.source
            case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
                 .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
                 .gemm, .matMul, .add, .sub, .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze,
                 .pad, .slice, .split, .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast:
                if let read = node.inputs.first(where: { quantized[$0] != nil }) {
                    throw IRError.unsupportedQDQ(node: node.name, op: node.op.operatorName,
                                                 detail: "it reads the quantized integers '\(read)' directly; only DequantizeLinear may")
                }
                graph.nodes.append(node)
            }
        }
        try renameGraphOutputs(aliases)
        graph.types = [:]
        graph = try ShapeInference.infer(graph)
    }

    /// Records the parameters of activation `value`; a second quantization must agree.
    private mutating func record(_ value: String, _ params: QuantParams, by node: Node) throws {
        if let earlier = activations[value], earlier != params {
            throw IRError.unsupportedQDQ(node: node.name, op: node.op.operatorName,
                                         detail: "'\(value)' is quantized twice with different parameters (scale \(earlier.scale), zero point \(earlier.zeroPoint) by '\(quantizingNodes[value] ?? "")'; scale \(params.scale), zero point \(params.zeroPoint) here)")
        }
        activations[value] = params
        quantizingNodes[value] = node.name
    }

    private static func renamingInputs(_ node: Node, _ aliases: [String: String]) -> Node {
        var renamed = node
        renamed.inputs = node.inputs.map { aliases[$0] ?? $0 }
        return renamed
    }

    /// A graph output that was a DequantizeLinear's output is now the float value it aliases: that
    /// value takes the output's name, so that outputs keep the model's names.
    private mutating func renameGraphOutputs(_ aliases: [String: String]) throws {
        for output in graph.outputs {
            guard let source = aliases[output] else { continue }
            guard !graph.outputs.contains(source), !graph.inputs.contains(where: { $0.name == source }) else {
                throw IRError.unsupportedQDQ(node: "graph outputs", op: "DequantizeLinear",
                                             detail: "graph output '\(output)' dequantizes '\(source)', which is itself a graph input or output")
            }
            for index in graph.nodes.indices {
                graph.nodes[index].inputs = graph.nodes[index].inputs.map { $0 == source ? output : $0 }
                graph.nodes[index].outputs = graph.nodes[index].outputs.map { $0 == source ? output : $0 }
            }
            if let params = activations.removeValue(forKey: source) { activations[output] = params }
            if let node = quantizingNodes.removeValue(forKey: source) { quantizingNodes[output] = node }
        }
    }

    /// The int8 parameters of an activation QuantizeLinear/DequantizeLinear: a scalar scale and an
    /// int8 or uint8 zero point (absent means uint8 0), uint8 shifted by −128.
    private static func activationParams(_ node: Node, axis: Int, in graph: Graph) throws -> QuantParams {
        func refuse(_ detail: String) -> IRError {
            .unsupportedQDQ(node: node.name, op: node.op.operatorName, detail: detail)
        }
        guard let scale = graph.initializers[node.inputs[1]], scale.shape.elementCount == 1,
              let scaleValue = scale.floats.first, scaleValue > 0, scaleValue.isFinite else {
            throw refuse("an activation needs one positive constant scale (per-axis activation quantization is not supported)")
        }
        guard node.inputs.count > 2, !node.inputs[2].isEmpty else { return QuantParams(scale: scaleValue, zeroPoint: -128) }
        guard let zeroPoint = graph.initializers[node.inputs[2]], zeroPoint.shape.elementCount == 1,
              let stored = zeroPoint.int64s.first else {
            throw refuse("an activation needs one constant zero point")
        }
        switch zeroPoint.data.elementType {
        case .int8: return QuantParams(scale: scaleValue, zeroPoint: Int32(stored))
        case .uint8: return QuantParams(scale: scaleValue, zeroPoint: Int32(stored) - 128)
        case .float32, .int32, .int64, .bool: throw refuse("activations must be int8 or uint8, not \(zeroPoint.data.elementType)")
        }
    }

    /// The constant behind a DequantizeLinear of an initializer, or `nil` for an activation.
    private static func constant(_ node: Node, axis: Int, in graph: Graph) throws -> QDQConstant? {
        guard let values = graph.initializers[node.inputs[0]] else { return nil }
        guard let scales = graph.initializers[node.inputs[1]] else {
            throw IRError.unsupportedQDQ(node: node.name, op: node.op.operatorName, detail: "its scale is not a constant")
        }
        let zeroPoint = node.inputs.count > 2 && !node.inputs[2].isEmpty ? graph.initializers[node.inputs[2]] : nil
        let dequantized = try Evaluator().evaluate(node, node.inputs.map { $0.isEmpty ? nil : graph.initializers[$0] })[0]
        let rank = values.shape.rank
        return QDQConstant(values: values, scales: scales.floats,
                           zeroPoints: zeroPoint?.int64s.map { Int32($0) } ?? [0],
                           axis: axis < 0 ? axis + rank : axis, dequantized: dequantized)
    }
}
