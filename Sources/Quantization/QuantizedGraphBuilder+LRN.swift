import IR

/// Local response normalisation as four integer stages (`LRNStages`, docs/NUMERICS.md "LRN").
extension QuantizedGraphBuilder {
    /// Appends the LRN `node` as its stages: the squares' table, the channel-window sum (a 1×1
    /// convolution with a banded matrix of ones), the power's table, and the product of the input
    /// by the factors, each tensor viewed as `[1, N, 1, 1]` (one channel per element) around it.
    /// The window sums take their calibrated range when the calibrator recorded one, else the
    /// largest the input's range allows, `size · max|x|²`.
    package mutating func addLRN(_ node: Node, _ attributes: LRNAttributes) throws {
        guard mode.storageType == .int8 else { throw refuse(node, "LRN is defined on int8 storage only") }
        guard attributes.bias > 0, attributes.alpha >= 0, attributes.beta.isFinite, attributes.alpha.isFinite, attributes.bias.isFinite else {
            throw refuse(node, "LRN needs a positive bias and a finite non-negative alpha (bias \(attributes.bias), alpha \(attributes.alpha), beta \(attributes.beta))")
        }
        let (x, output) = (node.inputs[0], node.outputs[0])
        let dims = try dims(of: x)
        guard dims.count == 4 else { throw refuse(node, "LRN of \(dims); only [N, C, H, W] is supported") }
        let xParams = try inputParams(x, of: node)
        let largest = Double(max(abs(xParams.dequantize(mode.storageRange.lowerBound)), abs(xParams.dequantize(mode.storageRange.upperBound))))
        let sumHigh = ranges[LRNStages.windowSums(of: output)].map { Double(max($0.upperBound, 0)) }
            ?? Double(attributes.size) * largest * largest
        let squareParams = mode.activationParams(for: 0...Float(min(largest * largest, sumHigh)))
        let sumParams = mode.activationParams(for: 0...Float(sumHigh))
        let (first, last) = (LRNStages.factor(0, attributes), LRNStages.factor(sumHigh, attributes))
        let factorParams = mode.activationParams(for: Float(min(first, last))...Float(max(first, last)))

        let squares = LookupTable.build(input: xParams, output: squareParams) { $0 * $0 }
        try appendStage(node, "square", .lookupTable(squares), inputs: [x], output: LRNStages.squares(of: output), dims: dims, params: squareParams)
        try appendStage(node, "window", .conv(try windowSum(node, attributes, dims: dims, squares: squareParams, sums: sumParams)),
                        inputs: [LRNStages.squares(of: output)], output: LRNStages.windowSums(of: output), dims: dims, params: sumParams)
        let power = LookupTable.build(input: sumParams, output: factorParams) { LRNStages.factor($0, attributes) }
        try appendStage(node, "power", .lookupTable(power), inputs: [LRNStages.windowSums(of: output)], output: LRNStages.factors(of: output),
                        dims: dims, params: factorParams)

        let flat = [1, dims.reduce(1, *), 1, 1]
        let outParams = try outputParams(node)
        let (multiplier, shift) = try productRescale(node, a: xParams, b: factorParams, output: outParams)
        try appendStage(node, "x", .reshape, inputs: [x], output: LRNStages.flatInput(of: output), dims: flat, params: xParams)
        try appendStage(node, "gate", .reshape, inputs: [LRNStages.factors(of: output)], output: LRNStages.flatFactors(of: output),
                        dims: flat, params: factorParams)
        try appendStage(node, "product", .multiply(aZeroPoint: xParams.zeroPoint, bZeroPoint: factorParams.zeroPoint, multiplier: multiplier,
                                                   shift: shift, outputZeroPoint: outParams.zeroPoint, outputClamp: mode.storageRange),
                        inputs: [LRNStages.flatInput(of: output), LRNStages.flatFactors(of: output)], output: LRNStages.flatProduct(of: output),
                        dims: flat, params: outParams)
        try append(node, .reshape, inputs: [LRNStages.flatProduct(of: output)], params: outParams)
    }

    /// The channel-window sum of the stored squares: `acc[c] = Σ_{c' ∈ window(c)} (q_sq[c'] − zp_sq)`
    /// (weights 1, the zero point folded into the bias), requantized to the sums' parameters.
    private func windowSum(_ node: Node, _ attributes: LRNAttributes, dims: [Int], squares: QuantParams,
                           sums: QuantParams) throws -> QuantizedConv {
        let channels = dims[1]
        let window = QuantizedWindow(kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0],
                                     inputSize: [dims[2], dims[3]], outputSize: [dims[2], dims[3]])
        let bias = (0..<channels).map { channel in
            -squares.zeroPoint * Int32(LRNKernel.window(of: channel, channels: channels, size: attributes.size).count)
        }
        return QuantizedConv(weight: LRNStages.windowWeights(channels: channels, size: attributes.size), weightScales: [1], bias: bias,
                             window: window, group: 1, inputZeroPoint: squares.zeroPoint,
                             requantization: try requantization(node, input: squares, weightScales: [1], output: sums),
                             outputZeroPoint: sums.zeroPoint, outputClamp: mode.storageRange)
    }

    /// Appends stage `stage` of `node`, named `NODE:STAGE`, writing `output`.
    private mutating func appendStage(_ node: Node, _ stage: String, _ op: QuantizedOp, inputs: [String], output: String, dims: [Int],
                                      params stageParams: QuantParams) throws {
        layers.append(QuantizedLayer(name: "\(node.name):\(stage)", op: op, inputs: inputs, output: output, dims: dims, params: stageParams))
        params[output] = stageParams
    }
}
