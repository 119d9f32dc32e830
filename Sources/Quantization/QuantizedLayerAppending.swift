import IR

/// The state and steps both quantized-graph builders share: they track the quantization parameters
/// of every stored value, append one layer per node and finish the `QuantizedGraph` the same way.
/// A builder supplies only what differs: where a node's output parameters come from (calibrated
/// ranges or the model's QuantizeLinear annotations), how it refuses a node, and how a layer that
/// cannot rescale takes its input's parameters.
protocol QuantizedLayerAppending {
    /// The canonical float graph being quantized.
    var graph: Graph { get }
    /// The arithmetic of the produced graph; its storage range bounds every stored value.
    var mode: ArithmeticMode { get }
    var input: QuantizedInput { get }
    var layers: [QuantizedLayer] { get set }
    /// Scale and zero point of every stored value produced so far.
    var params: [String: QuantParams] { get set }
    /// Softmax nodes left to the host, by their output name.
    var hostSoftmax: [String: (value: String, softmax: QuantizedOutput.HostSoftmax)] { get set }

    /// The error for a node this builder cannot quantize.
    func refuse(_ node: Node, _ reason: String) -> IRError
    /// The error for inputs whose scale ratio to the output, at most `ratio`, no right shift reaches.
    func unrescalable(_ node: Node, ratio: Double) -> IRError
    /// The parameters of a stored value a node reads.
    func inputParams(_ value: String, of node: Node) throws -> QuantParams
    /// The parameters of a node's output.
    func outputParams(_ node: Node) throws -> QuantParams
    /// Appends a layer whose output keeps its input's scale and zero point (layout, maxima, padding).
    mutating func addSameScale(_ node: Node, _ op: QuantizedOp) throws
    /// Quantizes one node: appends its layer, or records a final Softmax for the host.
    mutating func add(_ node: Node) throws
}

extension QuantizedLayerAppending {
    /// The graph's single float input, the one a quantized graph reads.
    package static func floatInput(of graph: Graph) throws -> ValueInfo {
        guard graph.inputs.count == 1, let inputInfo = graph.inputs.first, inputInfo.type.elementType == .float32 else {
            throw IRError.badGraphInput(name: graph.inputs.map(\.name).joined(separator: ", "),
                                        detail: "quantization needs exactly one float input, the graph has \(graph.inputs.count)")
        }
        return inputInfo
    }

    /// The finished graph; every graph output must be a stored value or a host softmax of one.
    package func finish() throws -> QuantizedGraph {
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

    package func dims(of value: String) throws -> [Int] {
        guard let type = graph.types[value] else { throw IRError.missingType(value: value) }
        return type.shape.dims
    }

    /// Appends the layer of `node` writing its first output.
    package mutating func append(_ node: Node, _ op: QuantizedOp, inputs: [String], params outputParams: QuantParams) throws {
        let output = node.outputs[0]
        layers.append(QuantizedLayer(name: node.name, op: op, inputs: inputs, output: output,
                                     dims: try dims(of: output), params: outputParams))
        params[output] = outputParams
    }

    /// The stored range a ReLU/Clip with real `bounds` leaves, intersected with the storage range.
    package func clampRange(_ bounds: ClosedRange<Float>?, params outputParams: QuantParams) -> ClosedRange<Int32> {
        let storage = mode.storageRange
        guard let bounds else { return storage }
        let low = outputParams.quantize(bounds.lowerBound, into: storage)
        let high = outputParams.quantize(bounds.upperBound, into: storage)
        return low...max(low, high)
    }

    /// Add of same-shaped activations, each rescaled to the output's scale.
    package mutating func addSum(_ node: Node) throws {
        let shapes = try node.inputs.map { try dims(of: $0) }
        guard shapes.allSatisfy({ $0 == shapes[0] }) else {
            throw refuse(node, "Add broadcasts \(shapes.map(\.description).joined(separator: " + ")); only same-shaped activations are added")
        }
        let outParams = try outputParams(node)
        let (rescales, shift) = try rescaling(node, to: outParams)
        try append(node, .add(inputs: rescales, shift: shift, outputZeroPoint: outParams.zeroPoint,
                              outputClamp: mode.storageRange),
                   inputs: node.inputs, params: outParams)
    }

    package mutating func addConcat(_ node: Node, axis: Int) throws {
        let outParams = try outputParams(node)
        let rank = try dims(of: node.outputs[0]).count
        let (rescales, shift) = try rescaling(node, to: outParams)
        try append(node, .concat(axis: try ShapeInference.normalizedAxis(axis, rank: rank, node: node), inputs: rescales,
                                 shift: shift, outputZeroPoint: outParams.zeroPoint, outputClamp: mode.storageRange),
                   inputs: node.inputs, params: outParams)
    }

    /// Constant padding; the pad value is quantized in the input's scale (0 becomes the zero point).
    package mutating func addPad(_ node: Node, mode padMode: PadMode, pads: [Int], value: Float) throws {
        guard padMode == .constant else {
            throw refuse(node, "only constant padding is supported, not \(padMode.rawValue)")
        }
        let inParams = try inputParams(node.inputs[0], of: node)
        try addSameScale(node, .pad(pads: pads, value: inParams.quantize(value, into: mode.storageRange)))
    }

    /// A final Softmax stays on the host in float: allowed only when its output is a graph output
    /// and nothing else reads it. A quantization of the softmax's output is not applied.
    package mutating func addHostSoftmax(_ node: Node, axis: Int, coerce2D: Bool) throws {
        let output = node.outputs[0]
        guard graph.outputs.contains(output), !graph.nodes.contains(where: { $0.inputs.contains(output) }) else {
            throw refuse(node, "Softmax runs on the host in float only as the graph's final op")
        }
        _ = try inputParams(node.inputs[0], of: node)
        hostSoftmax[output] = (node.inputs[0], .init(axis: axis, coerce2D: coerce2D))
    }

    /// `s_in / (s_out × count)` as a fixed-point multiplier: the reciprocal of an average over
    /// `count` taps, rescaled from the input's scale to the output's.
    package func reciprocal(of count: Int, input: QuantParams, output: QuantParams, node: Node) throws -> FixedPointMultiplier {
        let real = Double(input.scale) / (Double(output.scale) * Double(count))
        guard count > 0, let multiplier = FixedPointMultiplier(approximating: real) else {
            throw refuse(node, "cannot average over \(count) elements with rescale \(real)")
        }
        return multiplier
    }

    /// Multipliers `m_i = round((s_i / s_out) × 2^shift)` with one shift for all inputs, the largest
    /// with 31 significant bits; equal scales give equal powers of two, so the rescale is then exact.
    private func rescaling(_ node: Node, to output: QuantParams) throws -> ([QuantizedRescale], Int) {
        let inputs = try node.inputs.map { try inputParams($0, of: node) }
        let ratios = inputs.map { Double($0.scale) / Double(output.scale) }
        let largest = ratios.max() ?? 1
        let shift = min(30 - Int(largest.exponent), FixedPointMultiplier.maximumShift)
        guard largest.isFinite, largest > 0, shift >= 0 else { throw unrescalable(node, ratio: largest) }
        let rescales = zip(inputs, ratios).map { params, ratio in
            QuantizedRescale(zeroPoint: params.zeroPoint,
                             multiplier: Int64((ratio * Double(sign: .plus, exponent: shift, significand: 1)).rounded(.toNearestOrAwayFromZero)))
        }
        return (rescales, shift)
    }
}
