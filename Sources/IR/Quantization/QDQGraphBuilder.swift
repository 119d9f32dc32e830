/// Builds a `QuantizedGraph` (default arithmetic) from the canonical float graph of a pre-quantized
/// model, taking every scale, zero point and stored weight from the model (`QDQGraph`) instead of
/// calibrating: each node output must be one the model quantizes, each weight the integers the model
/// stores. What the model's parameters cannot express exactly is an `IRError.unsupportedQDQ`.
struct QDQGraphBuilder {
    static let storage = ArithmeticMode.standard.storageRange

    let graph: Graph
    let qdq: QDQGraph
    private(set) var input: QuantizedInput
    private(set) var layers: [QuantizedLayer] = []
    /// Scale and zero point of every stored value produced so far.
    private(set) var params: [String: QuantParams] = [:]
    private var hostSoftmax: [String: (value: String, softmax: QuantizedOutput.HostSoftmax)] = [:]

    init(graph: Graph, qdq: QDQGraph) throws {
        guard graph.inputs.count == 1, let inputInfo = graph.inputs.first, inputInfo.type.elementType == .float32 else {
            throw IRError.badGraphInput(name: graph.inputs.map(\.name).joined(separator: ", "),
                                        detail: "quantization needs exactly one float input, the graph has \(graph.inputs.count)")
        }
        guard let inputParams = qdq.activations[inputInfo.name] else {
            throw IRError.badGraphInput(name: inputInfo.name, detail: "the pre-quantized model does not quantize its input (no QuantizeLinear reads it)")
        }
        self.graph = graph
        self.qdq = qdq
        input = QuantizedInput(name: inputInfo.name, dims: inputInfo.type.shape.dims, params: inputParams)
        params[inputInfo.name] = inputParams
    }

    /// Appends the layer of one canonical node, or records a final Softmax for the host.
    mutating func add(_ node: Node) throws {
        switch node.op {
        case .conv(let attributes): try addConv(node, attributes)
        case .fullyConnected(let activation): try addFullyConnected(node, activation)
        case .maxPool(let attributes): try addPool(node, attributes, average: false)
        case .averagePool(let attributes): try addPool(node, attributes, average: true)
        case .globalAveragePool: try addGlobalAveragePool(node)
        case .globalMaxPool: try addSameScale(node, .globalMaxPool)
        case .flatten, .reshape, .squeeze, .unsqueeze: try addSameScale(node, .reshape)
        case .relu: try addTable(node) { max($0, 0) }
        case .clip(let low, let high):
            guard low <= high else { throw refuse(node, "clip bounds \(low), \(high) are unordered") }
            try addTable(node) { min(max($0, Double(low)), Double(high)) }
        case .sigmoid, .tanh, .leakyRelu:
            guard let function = LookupTable.function(of: node.op) else { throw refuse(node, "no lookup table") }
            try addTable(node, function)
        case .add: try addSum(node)
        case .concat(let axis): try addConcat(node, axis: axis)
        case .pad(let padMode, let pads, let value): try addPad(node, mode: padMode, pads: pads, value: value)
        case .softmax(let axis, let coerce2D): try addHostSoftmax(node, axis: axis, coerce2D: coerce2D)
        case .lrn, .batchNormalization, .gemm, .matMul, .sub, .mul, .div, .transpose, .dropout, .identity,
             .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            throw refuse(node, "the int8 accelerator has no \(node.op.operatorName)")
        }
    }

    /// The finished graph; every graph output must be a stored value or a host softmax of one.
    func finish() throws -> QuantizedGraph {
        let outputs = try graph.outputs.map { name -> QuantizedOutput in
            let (value, softmax) = hostSoftmax[name].map { ($0.value, Optional($0.softmax)) } ?? (name, nil)
            guard let valueParams = params[value] else { throw IRError.undefinedValue(node: "graph outputs", value: name) }
            return QuantizedOutput(name: name, value: value, dims: try dims(of: value), params: valueParams,
                                   hostSoftmax: softmax)
        }
        return QuantizedGraph(name: graph.name, arithmetic: .standard, input: input, layers: layers, outputs: outputs)
    }

    // MARK: Shared steps

    func refuse(_ node: Node, _ detail: String) -> IRError {
        .unsupportedQDQ(node: node.name, op: node.op.operatorName, detail: detail)
    }

    func inputParams(_ value: String, of node: Node) throws -> QuantParams {
        guard let valueParams = params[value] else {
            throw refuse(node, "its input '\(value)' is not a quantized activation")
        }
        return valueParams
    }

    /// The model's parameters for the node's output: a node whose output the model leaves in float
    /// cannot run on the accelerator.
    func outputParams(_ node: Node) throws -> QuantParams {
        guard let outputParams = qdq.activations[node.outputs[0]] else {
            throw refuse(node, "the model leaves its output '\(node.outputs[0])' in float (no QuantizeLinear follows it)")
        }
        return outputParams
    }

    func dims(of value: String) throws -> [Int] {
        guard let type = graph.types[value] else { throw IRError.missingType(value: value) }
        return type.shape.dims
    }

    mutating func append(_ node: Node, _ op: QuantizedOp, inputs: [String], params outputParams: QuantParams) throws {
        let output = node.outputs[0]
        layers.append(QuantizedLayer(name: node.name, op: op, inputs: inputs, output: output,
                                     dims: try dims(of: output), params: outputParams))
        params[output] = outputParams
    }

    /// A layer that cannot rescale (layout, maxima): the model must give its output the input's
    /// scale and zero point.
    mutating func addSameScale(_ node: Node, _ op: QuantizedOp) throws {
        let inParams = try inputParams(node.inputs[0], of: node)
        let outParams = qdq.activations[node.outputs[0]] ?? inParams
        guard outParams == inParams else {
            throw refuse(node, "it cannot rescale, but the model quantizes its input with scale \(inParams.scale), zero point \(inParams.zeroPoint) and its output with scale \(outParams.scale), zero point \(outParams.zeroPoint)")
        }
        try append(node, op, inputs: [node.inputs[0]], params: inParams)
    }

    /// A final Softmax stays on the host in float: allowed only when its output is a graph output
    /// and nothing else reads it. A quantization of the softmax's output is not applied.
    private mutating func addHostSoftmax(_ node: Node, axis: Int, coerce2D: Bool) throws {
        let output = node.outputs[0]
        guard graph.outputs.contains(output), !graph.nodes.contains(where: { $0.inputs.contains(output) }) else {
            throw refuse(node, "Softmax runs on the host in float only as the graph's final op")
        }
        _ = try inputParams(node.inputs[0], of: node)
        hostSoftmax[output] = (node.inputs[0], .init(axis: axis, coerce2D: coerce2D))
    }
}
