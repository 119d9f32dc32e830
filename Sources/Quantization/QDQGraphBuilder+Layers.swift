import IR

/// Convolution, fully-connected and pooling layers from the model's stored weights and scales.
extension QDQGraphBuilder {
    package mutating func addConv(_ node: Node, _ attributes: ConvAttributes) throws {
        let x = node.inputs[0]
        guard let xType = graph.types[x], let weight = graph.floatConstant(node.inputs[1]) else {
            throw refuse(node, "its weights are not a constant")
        }
        let geometry = try ShapeInference.convGeometry(node: node, x: xType.shape, w: weight.shape, attributes: attributes)
        let conv = try quantizedConv(node, window: QuantizedWindow(geometry), group: attributes.group,
                                     activation: attributes.activation)
        try append(node, .conv(conv), inputs: [x], params: try outputParams(node))
    }

    package mutating func addFullyConnected(_ node: Node, _ activation: Activation?) throws {
        let conv = try quantizedConv(node, window: .pointwise, group: 1, activation: activation)
        try append(node, .fullyConnected(conv), inputs: [node.inputs[0]], params: try outputParams(node))
    }

    /// The model's int8 weights (zero point 0, per tensor or per output channel), its int32 bias at
    /// the accumulator scale with the input zero point folded in, and the requantization
    /// `s_in × s_w[m] / s_out` as 31-bit multipliers.
    private func quantizedConv(_ node: Node, window: QuantizedWindow, group: Int, activation: Activation?) throws -> QuantizedConv {
        let inParams = try inputParams(node.inputs[0], of: node)
        let outParams = try outputParams(node)
        let weight = try storedWeight(node)
        let channels = weight.values.shape[0]
        let stored = weight.values.int64s
        let perChannel = channels > 0 ? stored.count / channels : 0
        let accumulatorScales = (0..<channels).map { Double(inParams.scale) * Double(weight.scale($0)) }
        let levels = try biasLevels(node, accumulatorScales: accumulatorScales)
        let bias = try (0..<channels).map { channel -> Int32 in
            let weightSum = stored[(channel * perChannel)..<((channel + 1) * perChannel)].reduce(0, +)
            let folded = levels[channel] - Int64(inParams.zeroPoint) * weightSum
            guard let value = Int32(exactly: folded) else {
                throw refuse(node, "bias of output channel \(channel) with the input zero point folded in is \(folded), beyond int32")
            }
            return value
        }
        let multipliers = try accumulatorScales.map { scale -> FixedPointMultiplier in
            let real = scale / Double(outParams.scale)
            guard let multiplier = FixedPointMultiplier(approximating: real) else {
                throw refuse(node, "requantization multiplier \(real) is not representable")
            }
            return multiplier
        }
        return QuantizedConv(weight: weight.values, weightScales: weight.scales, bias: bias, window: window, group: group,
                             inputZeroPoint: inParams.zeroPoint, requantization: .multiplier(multipliers),
                             outputZeroPoint: outParams.zeroPoint, outputClamp: clampRange(activation?.bounds, params: outParams))
    }

    /// The weights exactly as the model stores them: int8, zero points 0, one scale or one per
    /// output channel (axis 0), and not rewritten by a graph pass (the canonical float weight is the
    /// model's dequantized tensor).
    private func storedWeight(_ node: Node) throws -> QDQConstant {
        let name = node.inputs[1]
        guard let weight = qdq.constants[name] else {
            throw refuse(node, "its weights '\(name)' are float; a pre-quantized model must dequantize stored int8 weights")
        }
        guard graph.initializers[name] == weight.dequantized else {
            throw refuse(node, "a graph pass rewrote its weights '\(name)' (transposed, scaled or folded), so the model's int8 values no longer apply")
        }
        guard weight.values.data.elementType == .int8 else {
            throw refuse(node, "its weights are \(weight.values.data.elementType); the accelerator multiplies int8 weights")
        }
        guard weight.zeroPoints.allSatisfy({ $0 == 0 }) else {
            throw refuse(node, "its weights have zero points \(weight.zeroPoints.filter { $0 != 0 }.prefix(4)); the accelerator needs symmetric weights (zero point 0)")
        }
        let channels = weight.values.shape[0]
        guard weight.isPerTensor || (weight.axis == 0 && weight.scales.count == channels) else {
            throw refuse(node, "its \(weight.scales.count) weight scales run along axis \(weight.axis); only one scale or one per output channel (axis 0, \(channels)) is supported")
        }
        return weight
    }

    /// The bias at the accumulator scale of each output channel, before the zero-point fold: the
    /// model's int32 values when it stores them (their scale must be `s_in × s_w[m]`), a float bias
    /// rounded half to even, or zeros.
    private func biasLevels(_ node: Node, accumulatorScales: [Double]) throws -> [Int64] {
        guard node.inputs.count > 2, !node.inputs[2].isEmpty else { return accumulatorScales.map { _ in 0 } }
        let name = node.inputs[2]
        guard let floatBias = graph.floatConstant(name), floatBias.shape.elementCount == accumulatorScales.count else {
            throw refuse(node, "its bias '\(name)' is not a constant of \(accumulatorScales.count) elements")
        }
        guard let stored = qdq.constants[name], graph.initializers[name] == stored.dequantized else {
            return try zip(floatBias.floats, accumulatorScales).enumerated().map { channel, pair in
                let level = (Double(pair.0) / pair.1).rounded(.toNearestOrEven)
                guard let value = Int64(exactly: level), Int32(exactly: value) != nil else {
                    throw refuse(node, "float bias \(pair.0) of output channel \(channel) is beyond int32 at the accumulator scale \(pair.1)")
                }
                return value
            }
        }
        guard stored.values.data.elementType == .int32, stored.zeroPoints.allSatisfy({ $0 == 0 }) else {
            throw refuse(node, "its bias must be int32 with zero point 0, not \(stored.values.data.elementType)")
        }
        for (channel, scale) in accumulatorScales.enumerated() {
            let biasScale = Double(stored.scale(channel))
            guard abs(biasScale - scale) <= scale * Self.biasScaleTolerance else {
                throw refuse(node, "bias scale \(biasScale) of output channel \(channel) is not input scale × weight scale = \(scale)")
            }
        }
        return stored.values.int64s
    }

    /// How far a stored bias scale may be from `s_in × s_w` in relative terms: the two differ only
    /// by the float32 rounding of the product (2^−24) in models from ONNX Runtime.
    package static var biasScaleTolerance: Double { 1e-6 }

    /// Max pooling keeps its input's parameters; average pooling may rescale to the output's through
    /// its reciprocal multipliers `s_in / (s_out × n)`.
    package mutating func addPool(_ node: Node, _ attributes: PoolAttributes, average: Bool) throws {
        var pool = try exactPool(node, attributes)
        guard average else { return try addSameScale(node, .maxPool(pool)) }
        let inParams = try inputParams(node.inputs[0], of: node)
        let outParams = qdq.activations[node.outputs[0]] ?? inParams
        pool.outputZeroPoint = outParams.zeroPoint
        pool.reciprocals = try (1...(pool.window.kernel[0] * pool.window.kernel[1])).map {
            try reciprocal(of: $0, input: inParams, output: outParams, node: node)
        }
        try append(node, .averagePool(pool), inputs: [node.inputs[0]], params: outParams)
    }

    /// The pooling window with the input's zero point on both sides and no reciprocals.
    private func exactPool(_ node: Node, _ attributes: PoolAttributes) throws -> QuantizedPool {
        let x = node.inputs[0]
        guard let xType = graph.types[x] else { throw IRError.missingType(value: x) }
        let inParams = try inputParams(x, of: node)
        let geometry = try ShapeInference.poolGeometry(node: node, x: xType.shape, attributes: attributes)
        return QuantizedPool(window: QuantizedWindow(geometry), countIncludePad: attributes.countIncludePad,
                             inputZeroPoint: inParams.zeroPoint, outputZeroPoint: inParams.zeroPoint,
                             reciprocals: [], outputClamp: mode.storageRange)
    }

    package mutating func addGlobalAveragePool(_ node: Node) throws {
        let x = node.inputs[0]
        let inParams = try inputParams(x, of: node)
        let outParams = qdq.activations[node.outputs[0]] ?? inParams
        let count = try dims(of: x).dropFirst(2).reduce(1, *)
        try append(node, .globalAveragePool(inputZeroPoint: inParams.zeroPoint, outputZeroPoint: outParams.zeroPoint,
                                            reciprocal: try reciprocal(of: count, input: inParams, output: outParams, node: node),
                                            outputClamp: mode.storageRange),
                   inputs: [x], params: outParams)
    }
}
