import IR

/// Builds a `QuantizedGraph` node by node from a canonical float graph, deriving every output's
/// scale and zero point from its calibrated range; the shared steps are `QuantizedLayerAppending`'s.
package struct QuantizedGraphBuilder: QuantizedLayerAppending {
    package private(set) var graph: Graph
    package let ranges: [String: ClosedRange<Float>]
    package let options: QuantizationOptions
    /// The calibrated mean of each channel of a value, for bias correction; empty without it.
    package let channelMeans: [String: [Float]]
    private(set) var input: QuantizedInput
    package var layers: [QuantizedLayer] = []
    package var params: [String: QuantParams] = [:]
    package var hostSoftmax: [String: (value: String, softmax: QuantizedOutput.HostSoftmax)] = [:]
    /// Whether conv and fully-connected layers keep their stored weights; without, their weights
    /// have no values and `weightMagnitudes` records each output channel's sum of magnitudes.
    package var keepsWeightValues = true
    package var weightMagnitudes: [String: [Int64]] = [:]
    /// Each Add output read only by a ReLU or Clip, with that clamp's output (`clampedSums`).
    let clampedSums: [String: String]

    package var mode: ArithmeticMode { options.arithmetic }

    package init(graph: Graph, ranges: [String: ClosedRange<Float>], options: QuantizationOptions,
                 channelMeans: [String: [Float]] = [:]) throws {
        let inputInfo = try Self.floatInput(of: graph)
        guard let inputRange = ranges[inputInfo.name] else {
            throw IRError.badGraphInput(name: inputInfo.name, detail: "no calibration range")
        }
        self.graph = graph
        clampedSums = Self.clampedSums(graph)
        self.ranges = Self.sharingConcatRanges(graph, Self.sharingClampRanges(clampedSums, ranges))
        self.options = options
        self.channelMeans = channelMeans
        input = QuantizedInput(name: inputInfo.name, dims: inputInfo.type.shape.dims,
                               params: options.arithmetic.activationParams(for: inputRange))
        params[inputInfo.name] = input.params
    }

    /// Quantizes one node: appends its layer, or records a final Softmax for the host.
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
        case .relu: try addClamp(node, bounds: 0...Float.infinity)
        case .clip(let low, let high):
            guard low <= high else { throw node.invalidOperand("clip bounds \(low), \(high) are unordered") }
            try addClamp(node, bounds: low...high)
        case .sigmoid, .tanh, .leakyRelu, .hardSigmoid, .hardSwish, .swish: try addElementwiseFunction(node)
        case .add: try addSum(node)
        case .mul: try addProduct(node)
        case .slice(let attributes): try addChannelSlice(node, attributes)
        case .split(let axis, let sizes): try addChannelSplit(node, axis: axis, sizes: sizes)
        case .channelShuffle(let groups): try addSameScale(node, .channelShuffle(groups: groups))
        case .concat(let axis): try addConcat(node, axis: axis)
        case .pad(let padMode, let pads, let value): try addPad(node, mode: padMode, pads: pads, value: value)
        case .softmax(let axis, let coerce2D): try addHostSoftmax(node, axis: axis, coerce2D: coerce2D)
        case .lrn(let attributes): try addLRN(node, attributes)
        case .batchNormalization, .gemm, .matMul, .sub, .div, .transpose, .dropout, .identity,
             .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear:
            throw refuse(node, "the int8 accelerator has no \(node.op.operatorName); run the standard pass pipeline first or remove it from the model")
        }
    }

    /// Drops from the builder's graph the constants `node` (at `index`) reads and no later node
    /// does, unless they are graph outputs: the quantized layer holds what it needs of them, and a
    /// graph nobody else shares then frees their float storage at once.
    package mutating func releaseConstants(readLastBy node: Node, at index: Int, lastReaders: [String: Int]) {
        for input in node.inputs where lastReaders[input] == index && !graph.outputs.contains(input) {
            graph.initializers[input] = nil
        }
    }

    // MARK: Shared steps

    package func inputParams(_ value: String, of node: Node) throws -> QuantParams {
        guard let valueParams = params[value] else {
            throw refuse(node, "its input '\(value)' is not a quantized activation (a constant or a host-side value)")
        }
        return valueParams
    }

    /// The parameters of a node output, from its calibrated range.
    package func outputParams(_ node: Node) throws -> QuantParams {
        mode.activationParams(for: try range(of: node.outputs[0], node: node))
    }

    package func range(of value: String, node: Node) throws -> ClosedRange<Float> {
        guard let range = ranges[value] else {
            throw node.invalidOperand("no calibration range for value '\(value)'")
        }
        return range
    }

    /// A layer whose output keeps its input's scale and zero point (pooling maxima, layout).
    package mutating func addSameScale(_ node: Node, _ op: QuantizedOp) throws {
        try append(node, op, inputs: [node.inputs[0]], params: try inputParams(node.inputs[0], of: node))
    }

    package func refuse(_ node: Node, _ reason: String) -> IRError {
        node.invalidOperand("cannot be quantized (\(mode.rawValue)): \(reason)")
    }

    package func unrescalable(_ node: Node, ratio: Double) -> IRError {
        node.invalidOperand("input/output scale ratio \(ratio) cannot be rescaled")
    }
}
