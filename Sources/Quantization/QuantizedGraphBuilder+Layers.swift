import Foundation
import IR

/// Convolution, fully-connected and pooling layers.
extension QuantizedGraphBuilder {
    package mutating func addConv(_ node: Node, _ attributes: ConvAttributes) throws {
        let x = node.inputs[0]
        guard let xType = graph.types[x], let weight = graph.floatConstant(node.inputs[1]) else {
            throw refuse(node, "its weights are not a float constant")
        }
        let geometry = try ShapeInference.convGeometry(node: node, x: xType.shape, w: weight.shape, attributes: attributes)
        let conv = try quantizedConv(node, weight: Self.planarWeight(weight), window: QuantizedWindow(geometry), group: attributes.group,
                                     activation: attributes.activation)
        try append(node, .conv(conv), inputs: [x], params: try outputParams(node))
    }

    package mutating func addFullyConnected(_ node: Node, _ activation: Activation?) throws {
        guard let weight = graph.floatConstant(node.inputs[1]) else {
            throw refuse(node, "its weights are not a float constant")
        }
        let conv = try quantizedConv(node, weight: weight, window: .pointwise, group: 1, activation: activation)
        try append(node, .fullyConnected(conv), inputs: [node.inputs[0]], params: try outputParams(node))
    }

    /// The largest bias level the quantizer lets a channel's weight scale produce, `2^30`: half the
    /// int32 range, leaving the other half for the input zero point folded into the bias. A channel
    /// whose weights are all nearly zero (a degenerate range) gets a larger weight scale instead of
    /// a bias beyond int32.
    static let biasHeadroom = Double(1 << 30)

    /// A 1-D convolution's weight `[M, C, K]` as the `[M, C, 1, K]` of the planar window it runs as.
    package static func planarWeight(_ weight: Tensor) -> Tensor {
        guard weight.shape.rank == 3 else { return weight }
        return Tensor(shape: [weight.shape[0], weight.shape[1], 1, weight.shape[2]], data: weight.data)
    }

    /// The integer form of a conv or FC node: weights per the mode, the bias at the accumulator scale
    /// with the input zero point folded in, and the requantization to the output scale.
    private mutating func quantizedConv(_ node: Node, weight: Tensor, window: QuantizedWindow, group: Int,
                                        activation: Activation?) throws -> QuantizedConv {
        let inParams = try inputParams(node.inputs[0], of: node)
        let outParams = try outputParams(node)
        try requireFinite(weight.floats, "weight", of: node)
        let channels = weight.shape[0]
        let floatBias = try biasValues(node, channels: channels)
        try requireFinite(floatBias, "bias", of: node)
        let minimumScales = floatBias.map { Double($0.magnitude) / (Double(inParams.scale) * Self.biasHeadroom) }
        let (storedWeight, weightScales, weightSums) = quantizedWeights(node, weight, minimumScales: minimumScales)
        let correction = try biasCorrection(node, weight: weight, stored: storedWeight, scales: weightScales, group: group,
                                            coverage: window.tapCoverage)
        let bias = try (0..<channels).map { channel -> Int32 in
            let accumulatorScale = Double(inParams.scale) * Double(weightScales[weightScales.count == 1 ? 0 : channel])
            let weightSum = weightSums[channel]
            let level = ((Double(floatBias[channel]) - correction[channel]) / accumulatorScale).rounded(.toNearestOrAwayFromZero)
                - Double(inParams.zeroPoint) * Double(weightSum)
            guard level.magnitude <= Double(Int32.max) else {
                throw node.invalidOperand("bias of output channel \(channel) (\(floatBias[channel])) needs \(level) at the accumulator scale \(accumulatorScale), beyond int32")
            }
            return Int32(level)
        }
        return QuantizedConv(weight: storedWeight, weightScales: weightScales, bias: bias, window: window, group: group,
                             inputZeroPoint: inParams.zeroPoint,
                             requantization: try requantization(node, input: inParams, weightScales: weightScales, output: outParams),
                             outputZeroPoint: outParams.zeroPoint,
                             outputClamp: clampRange(activation?.bounds, params: outParams))
    }

    /// The stored weights of `node`, their scales and each output channel's sum of stored values.
    /// Without `keepsWeightValues` the weights come back with no values (`[M, 0, …]` of the
    /// storage type) and each channel's sum of magnitudes goes to `weightMagnitudes`.
    private mutating func quantizedWeights(_ node: Node, _ weight: Tensor, minimumScales: [Double])
        -> (weight: Tensor, scales: [Float], sums: [Int64]) {
        guard keepsWeightValues else {
            let summary = mode.weightSums(weight, granularity: options.effectiveGranularity, minimumScales: minimumScales)
            weightMagnitudes[node.name] = summary.magnitudes
            var dims = weight.shape.dims
            dims[1] = 0
            let empty: TensorData = mode.storageType == .int32 ? .int32([]) : .int8([])
            return (Tensor(shape: Shape(dims), data: empty), summary.scales, summary.sums)
        }
        let quantized = mode.quantizeWeights(weight, granularity: options.effectiveGranularity, minimumScales: minimumScales)
        return (Tensor(shape: weight.shape, data: quantized.data), quantized.scales, quantized.sums)
    }

    /// The expected error the stored weights make on the calibrated input, per output channel:
    /// `Σ_k (q[m, k] s_w[m] − w[m, k]) μ[c(k)] f(k)`, with `μ` the mean of the input channel `k`
    /// reads (`c(k)` within the channel's group) and `f(k)` the fraction of output positions at which
    /// tap `k` reads the input rather than the zero padding (`coverage`, one per kernel tap).
    /// Subtracted from the bias (Nagel et al., ICCV 2019: weight rounding shifts each output
    /// channel's mean, a constant error that averaging, as global pooling does, never removes).
    /// Zero without the input's channel means, and for the capability check's weights without values.
    private func biasCorrection(_ node: Node, weight: Tensor, stored: Tensor, scales: [Float], group: Int, coverage: [Double]) throws
        -> [Double] {
        let channels = weight.shape[0]
        guard keepsWeightValues, let means = channelMeans[node.inputs[0]], channels > 0 else { return [Double](repeating: 0, count: channels) }
        let perChannel = weight.shape.elementCount / channels
        let groupInputs = weight.shape.rank > 1 ? weight.shape[1] : 1
        let taps = groupInputs > 0 ? perChannel / groupInputs : 0
        guard means.count == groupInputs * group else {
            throw node.invalidOperand("bias correction: the input has \(means.count) channel means for \(groupInputs * group) channels")
        }
        guard taps == 0 || coverage.count == taps else {
            throw node.invalidOperand("bias correction: the window has \(coverage.count) taps, the weight \(taps)")
        }
        let rows = WeightRoundingError(floats: weight.floats, channels: channels, perChannel: perChannel, taps: taps,
                                       groupInputs: groupInputs, channelsPerGroup: channels / group)
        switch stored.data {
        case .int8(let levels): return rows.perChannel(levels, scales: scales, means: means, coverage: coverage)
        case .int32(let levels): return rows.perChannel(levels, scales: scales, means: means, coverage: coverage)
        case .float32, .uint8, .int64, .bool: return [Double](repeating: 0, count: channels)
        }
    }

    private func biasValues(_ node: Node, channels: Int) throws -> [Float] {
        guard node.inputs.count > 2, !node.inputs[2].isEmpty else { return [Float](repeating: 0, count: channels) }
        guard let bias = graph.floatConstant(node.inputs[2]), bias.shape.elementCount == channels else {
            throw refuse(node, "its bias is not a float constant of \(channels) elements")
        }
        return bias.floats
    }

    /// The mode's requantization from the accumulator scale `input × weight` to `output`.
    func requantization(_ node: Node, input: QuantParams, weightScales: [Float], output: QuantParams) throws -> Requantization {
        let reals = weightScales.map { Double(input.scale) * Double($0) / Double(output.scale) }
        switch mode {
        case .standard, .pow2Weights:
            return .multiplier(try reals.map { real in
                guard let multiplier = FixedPointMultiplier(approximating: real) else {
                    throw node.invalidOperand("requantization multiplier \(real) is not representable")
                }
                return multiplier
            })
        case .vgg16CU:
            let scale = (reals[0] * 65536).rounded(.toNearestOrAwayFromZero)
            guard scale <= Double(Requantization.maximumCUScale) else {
                throw refuse(node, "its requantization factor \(reals[0]) needs a CU scale of \(scale), beyond 16 bits")
            }
            return .cuScale(Int32(scale))
        case .dynamicFixedPoint, .de1socQ10:
            return .shift(Int((-log2(reals[0])).rounded()))
        }
    }

    /// Max pooling keeps its input's parameters; average pooling rescales to its output's calibrated
    /// range through its reciprocal multipliers `s_in / (s_out × n)` (an average spans less than its
    /// input: global average pooling's output range is a fraction of the input's).
    package mutating func addPool(_ node: Node, _ attributes: PoolAttributes, average: Bool) throws {
        let x = node.inputs[0]
        guard let xType = graph.types[x] else { throw IRError.missingType(value: x) }
        let geometry = try ShapeInference.poolGeometry(node: node, x: xType.shape, attributes: attributes)
        let inParams = try inputParams(x, of: node)
        let outParams = average ? try outputParams(node) : inParams
        let window = QuantizedWindow(geometry)
        let taps = window.kernel[0] * window.kernel[1]
        let reciprocals = average ? try (1...taps).map { try reciprocal(of: $0, input: inParams, output: outParams, node: node) } : []
        let pool = QuantizedPool(window: window, countIncludePad: attributes.countIncludePad,
                                 inputZeroPoint: inParams.zeroPoint, outputZeroPoint: outParams.zeroPoint,
                                 reciprocals: reciprocals, outputClamp: mode.storageRange)
        try append(node, average ? .averagePool(pool) : .maxPool(pool), inputs: [x], params: outParams)
    }

    /// Global average pooling (and ReduceMean over H and W), rescaled to its output's calibrated range.
    package mutating func addGlobalAveragePool(_ node: Node) throws {
        let x = node.inputs[0]
        let inParams = try inputParams(x, of: node)
        let outParams = try outputParams(node)
        let count = try dims(of: x).dropFirst(2).reduce(1, *)
        try append(node, .globalAveragePool(inputZeroPoint: inParams.zeroPoint, outputZeroPoint: outParams.zeroPoint,
                                            reciprocal: try reciprocal(of: count, input: inParams, output: outParams, node: node),
                                            outputClamp: mode.storageRange),
                   inputs: [x], params: outParams)
    }
}
