/// Builds a `QuantizedGraph` node by node from a canonical float graph: it tracks the quantization
/// parameters and shape of every stored value and appends one layer per node.
struct QuantizedGraphBuilder {
    let graph: Graph
    let ranges: [String: ClosedRange<Float>]
    let options: QuantizationOptions
    private(set) var input: QuantizedInput
    private(set) var layers: [QuantizedLayer] = []
    /// Scale and zero point of every stored value produced so far.
    private(set) var params: [String: QuantParams] = [:]
    /// Softmax nodes left to the host, by their output name.
    private var hostSoftmax: [String: (value: String, softmax: QuantizedOutput.HostSoftmax)] = [:]

    var mode: ArithmeticMode { options.arithmetic }

    init(graph: Graph, ranges: [String: ClosedRange<Float>], options: QuantizationOptions) throws {
        guard graph.inputs.count == 1, let inputInfo = graph.inputs.first, inputInfo.type.elementType == .float32 else {
            throw IRError.badGraphInput(name: graph.inputs.map(\.name).joined(separator: ", "),
                                        detail: "quantization needs exactly one float input, the graph has \(graph.inputs.count)")
        }
        guard let inputRange = ranges[inputInfo.name] else {
            throw IRError.badGraphInput(name: inputInfo.name, detail: "no calibration range")
        }
        self.graph = graph
        self.ranges = ranges
        self.options = options
        input = QuantizedInput(name: inputInfo.name, dims: inputInfo.type.shape.dims,
                               params: options.arithmetic.activationParams(for: inputRange))
        params[inputInfo.name] = input.params
    }

    /// Quantizes one node: appends its layer, or records a final Softmax for the host.
    mutating func add(_ node: Node) throws {
        switch node.op {
        case .conv(let attributes): try addConv(node, attributes)
        case .fullyConnected(let activation): try addFullyConnected(node, activation)
        case .maxPool(let attributes): try addPool(node, attributes, average: false)
        case .averagePool(let attributes): try addPool(node, attributes, average: true)
        case .globalAveragePool: try addGlobalAveragePool(node)
        case .globalMaxPool: try addSameScale(node, .globalMaxPool)
        case .flatten, .reshape, .squeeze, .unsqueeze: try addSameScale(node, .reshape)
        case .relu: try addClamp(node, bounds: 0...Float.infinity)
        case .clip(let low, let high):
            guard low <= high else { throw node.invalidOperand("clip bounds \(low), \(high) are unordered") }
            try addClamp(node, bounds: low...high)
        case .sigmoid, .tanh, .leakyRelu: try addElementwiseFunction(node)
        case .add: try addSum(node)
        case .concat(let axis): try addConcat(node, axis: axis)
        case .pad(let padMode, let pads, let value): try addPad(node, mode: padMode, pads: pads, value: value)
        case .softmax(let axis, let coerce2D): try addHostSoftmax(node, axis: axis, coerce2D: coerce2D)
        case .lrn, .batchNormalization, .gemm, .matMul, .sub, .mul, .div, .transpose, .dropout, .identity,
             .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            throw notQuantizable(node, "the int8 accelerator has no \(node.op.operatorName); run the standard pass pipeline first or remove it from the model")
        }
    }

    /// The finished graph; every graph output must be a stored value or a host softmax of one.
    func finish() throws -> QuantizedGraph {
        let outputs = try graph.outputs.map { name -> QuantizedOutput in
            let (value, softmax) = hostSoftmax[name].map { ($0.value, Optional($0.softmax)) } ?? (name, nil)
            guard let valueParams = params[value] else {
                throw IRError.undefinedValue(node: "graph outputs", value: name)
            }
            return QuantizedOutput(name: name, value: value, dims: try dims(of: value), params: valueParams,
                                   hostSoftmax: softmax)
        }
        return QuantizedGraph(name: graph.name, arithmetic: mode, input: input, layers: layers, outputs: outputs)
    }

    // MARK: Shared steps

    /// The parameters of a stored value a node reads.
    func inputParams(_ value: String, of node: Node) throws -> QuantParams {
        guard let valueParams = params[value] else {
            throw notQuantizable(node, "its input '\(value)' is not a quantized activation (a constant or a host-side value)")
        }
        return valueParams
    }

    /// The parameters of a node output, from its calibrated range.
    func outputParams(_ node: Node) throws -> QuantParams {
        mode.activationParams(for: try range(of: node.outputs[0], node: node))
    }

    func range(of value: String, node: Node) throws -> ClosedRange<Float> {
        guard let range = ranges[value] else {
            throw node.invalidOperand("no calibration range for value '\(value)'")
        }
        return range
    }

    func dims(of value: String) throws -> [Int] {
        guard let type = graph.types[value] else { throw IRError.missingType(value: value) }
        return type.shape.dims
    }

    /// Appends the layer of `node` writing its first output.
    mutating func append(_ node: Node, _ op: QuantizedOp, inputs: [String], params outputParams: QuantParams) throws {
        let output = node.outputs[0]
        layers.append(QuantizedLayer(name: node.name, op: op, inputs: inputs, output: output,
                                     dims: try dims(of: output), params: outputParams))
        params[output] = outputParams
    }

    /// A layer whose output keeps its input's scale and zero point (pooling maxima, layout).
    mutating func addSameScale(_ node: Node, _ op: QuantizedOp) throws {
        try append(node, op, inputs: [node.inputs[0]], params: try inputParams(node.inputs[0], of: node))
    }

    /// The stored range a ReLU/Clip with real `bounds` leaves, intersected with the storage range.
    func clampRange(_ bounds: ClosedRange<Float>?, params outputParams: QuantParams) -> ClosedRange<Int32> {
        let storage = mode.storageRange
        guard let bounds else { return storage }
        let low = outputParams.quantize(bounds.lowerBound, into: storage)
        let high = outputParams.quantize(bounds.upperBound, into: storage)
        return low...max(low, high)
    }

    func notQuantizable(_ node: Node, _ reason: String) -> IRError {
        node.invalidOperand("cannot be quantized (\(mode.rawValue)): \(reason)")
    }

    /// A final Softmax stays on the host in float: allowed only when its output is a graph output
    /// and nothing else reads it.
    private mutating func addHostSoftmax(_ node: Node, axis: Int, coerce2D: Bool) throws {
        let output = node.outputs[0]
        let readByNodes = graph.nodes.contains { $0.inputs.contains(output) }
        guard graph.outputs.contains(output), !readByNodes else {
            throw notQuantizable(node, "Softmax runs on the host in float only as the graph's final op")
        }
        _ = try inputParams(node.inputs[0], of: node)
        hostSoftmax[output] = (node.inputs[0], .init(axis: axis, coerce2D: coerce2D))
    }
}
