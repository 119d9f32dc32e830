import IR

/// Builds a `QuantizedGraph` (default arithmetic) from the canonical float graph of a pre-quantized
/// model, taking every scale, zero point and stored weight from the model (`QDQGraph`) instead of
/// calibrating: each node output must be one the model quantizes, each weight the integers the model
/// stores. What the model's parameters cannot express exactly is an `IRError.unsupportedQDQ`.
package struct QDQGraphBuilder: QuantizedLayerAppending {
    package let graph: Graph
    package let qdq: QDQGraph
    private(set) var input: QuantizedInput
    package var layers: [QuantizedLayer] = []
    package var params: [String: QuantParams] = [:]
    package var hostSoftmax: [String: (value: String, softmax: QuantizedOutput.HostSoftmax)] = [:]

    package var mode: ArithmeticMode { .standard }

    package init(graph: Graph, qdq: QDQGraph) throws {
        let inputInfo = try Self.floatInput(of: graph)
        guard let inputParams = qdq.activations[inputInfo.name] else {
            throw IRError.badGraphInput(name: inputInfo.name, detail: "the pre-quantized model does not quantize its input (no QuantizeLinear reads it)")
        }
        self.graph = graph
        self.qdq = qdq
        input = QuantizedInput(name: inputInfo.name, dims: inputInfo.type.shape.dims, params: inputParams)
        params[inputInfo.name] = inputParams
    }

    /// Appends the layer of one canonical node, or records a final Softmax for the host.
    package mutating func add(_ node: Node) throws {
        try requireElements(node)
        switch node.op {
        case .conv(let attributes): try addConv(node, attributes)
        case .fullyConnected(let activation): try addFullyConnected(node, activation)
        case .maxPool(let attributes): try addPool(node, attributes, average: false)
        case .averagePool(let attributes): try addPool(node, attributes, average: true)
        case .globalAveragePool: try addGlobalAveragePool(node)
        case .reduceMean(let axes, _):
            try requireSpatialMean(node, axes: axes)
            try addGlobalAveragePool(node)
        case .globalMaxPool: try addSameScale(node, .globalMaxPool)
        case .flatten, .reshape, .squeeze, .unsqueeze: try addSameScale(node, .reshape)
        case .relu: try addTable(node) { max($0, 0) }
        case .clip(let low, let high):
            guard low <= high else { throw refuse(node, "clip bounds \(low), \(high) are unordered") }
            try addTable(node) { min(max($0, Double(low)), Double(high)) }
        case .sigmoid, .tanh, .leakyRelu, .hardSigmoid, .hardSwish, .swish:
            guard let function = LookupTable.function(of: node.op) else { throw refuse(node, "no lookup table") }
            try addTable(node, function)
        case .add: try addSum(node)
        case .mul: try addProduct(node)
        case .slice(let attributes): try addChannelSlice(node, attributes)
        case .split(let axis, let sizes): try addChannelSplit(node, axis: axis, sizes: sizes)
        case .channelShuffle(let groups): try addSameScale(node, .channelShuffle(groups: groups))
        case .concat(let axis): try addConcat(node, axis: axis)
        case .pad(let padMode, let pads, let value): try addPad(node, mode: padMode, pads: pads, value: value)
        case .softmax(let axis, let coerce2D): try addHostSoftmax(node, axis: axis, coerce2D: coerce2D)
        case .lrn, .batchNormalization, .gemm, .matMul, .sub, .div, .transpose, .dropout, .identity,
             .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            throw refuse(node, "the int8 accelerator has no \(node.op.operatorName)")
        }
    }

    // MARK: Shared steps

    package func refuse(_ node: Node, _ detail: String) -> IRError {
        .unsupportedQDQ(node: node.name, op: node.op.operatorName, detail: detail)
    }

    package func unrescalable(_ node: Node, ratio: Double) -> IRError {
        refuse(node, "input/output scale ratio \(ratio) cannot be rescaled by a right shift")
    }

    package func inputParams(_ value: String, of node: Node) throws -> QuantParams {
        guard let valueParams = params[value] else {
            throw refuse(node, "its input '\(value)' is not a quantized activation")
        }
        return valueParams
    }

    /// The model's parameters for the node's output: a node whose output the model leaves in float
    /// cannot run on the accelerator.
    package func outputParams(_ node: Node) throws -> QuantParams {
        guard let outputParams = qdq.activations[node.outputs[0]] else {
            throw refuse(node, "the model leaves its output '\(node.outputs[0])' in float (no QuantizeLinear follows it)")
        }
        return outputParams
    }

    /// A layer that cannot rescale (layout, maxima): the model must give its output the input's
    /// scale and zero point.
    package mutating func addSameScale(_ node: Node, _ op: QuantizedOp) throws {
        let inParams = try inputParams(node.inputs[0], of: node)
        let outParams = qdq.activations[node.outputs[0]] ?? inParams
        guard outParams == inParams else {
            throw refuse(node, "it cannot rescale, but the model quantizes its input with scale \(inParams.scale), zero point \(inParams.zeroPoint) and its output with scale \(outParams.scale), zero point \(outParams.zeroPoint)")
        }
        try append(node, op, inputs: [node.inputs[0]], params: inParams)
    }
}
