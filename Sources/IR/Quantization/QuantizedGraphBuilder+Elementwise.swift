/// Activations, sums, concatenation and padding.
extension QuantizedGraphBuilder {
    /// A standalone ReLU or Clip: a clamp in the input's scale.
    mutating func addClamp(_ node: Node, bounds: ClosedRange<Float>) throws {
        let params = try inputParams(node.inputs[0], of: node)
        try append(node, .clamp(clampRange(bounds, params: params)), inputs: [node.inputs[0]], params: params)
    }

    /// Sigmoid, tanh and leaky ReLU: a lookup table in the 8-bit modes; in `de1soc-q10` the
    /// piecewise-linear sigmoid (tanh and leaky ReLU have no Q10 definition).
    mutating func addElementwiseFunction(_ node: Node) throws {
        let x = node.inputs[0]
        let inParams = try inputParams(x, of: node)
        if mode == .de1socQ10 {
            guard node.op == .sigmoid else {
                throw notQuantizable(node, "de1soc-q10 defines only the piecewise-linear sigmoid")
            }
            try append(node, .piecewiseLinearSigmoid(knots: PiecewiseLinearSigmoid.knots), inputs: [x], params: inParams)
            return
        }
        guard let function = LookupTable.function(of: node.op) else {
            throw notQuantizable(node, "no lookup table for \(node.op.operatorName)")
        }
        let outputRange: ClosedRange<Float>
        switch node.op {
        case .sigmoid: outputRange = 0...1
        case .tanh: outputRange = -1...1
        default: outputRange = try range(of: node.outputs[0], node: node)
        }
        let outParams = mode.activationParams(for: outputRange)
        try append(node, .lookupTable(LookupTable.build(input: inParams, output: outParams, function: function)),
                   inputs: [x], params: outParams)
    }

    /// Add of same-shaped activations.
    mutating func addSum(_ node: Node) throws {
        let shapes = try node.inputs.map { try dims(of: $0) }
        guard shapes.allSatisfy({ $0 == shapes[0] }) else {
            throw notQuantizable(node, "Add broadcasts \(shapes.map(\.description).joined(separator: " + ")); only same-shaped activations are added")
        }
        let outParams = try outputParams(node)
        let (rescales, shift) = try rescaling(node, to: outParams)
        try append(node, .add(inputs: rescales, shift: shift, outputZeroPoint: outParams.zeroPoint,
                              outputClamp: mode.storageRange),
                   inputs: node.inputs, params: outParams)
    }

    mutating func addConcat(_ node: Node, axis: Int) throws {
        let outParams = try outputParams(node)
        let rank = try dims(of: node.outputs[0]).count
        let (rescales, shift) = try rescaling(node, to: outParams)
        try append(node, .concat(axis: try ShapeInference.normalizedAxis(axis, rank: rank, node: node), inputs: rescales,
                                 shift: shift, outputZeroPoint: outParams.zeroPoint, outputClamp: mode.storageRange),
                   inputs: node.inputs, params: outParams)
    }

    /// Constant padding; the pad value is quantized in the input's scale (0 becomes the zero point).
    mutating func addPad(_ node: Node, mode padMode: PadMode, pads: [Int], value: Float) throws {
        guard padMode == .constant else {
            throw notQuantizable(node, "only constant padding is supported, not \(padMode.rawValue)")
        }
        let params = try inputParams(node.inputs[0], of: node)
        try append(node, .pad(pads: pads, value: params.quantize(value, into: mode.storageRange)),
                   inputs: [node.inputs[0]], params: params)
    }

    /// Multipliers `m_i ≈ (s_i / s_out) × 2^shift` with one shift for all inputs, chosen so that the
    /// largest multiplier has 31 significant bits.
    private func rescaling(_ node: Node, to output: QuantParams) throws -> ([QuantizedRescale], Int) {
        let inputs = try node.inputs.map { try inputParams($0, of: node) }
        let ratios = inputs.map { Double($0.scale) / Double(output.scale) }
        let largest = ratios.max() ?? 1
        let shift = min(30 - Int(largest.exponent), FixedPointMultiplier.maximumShift)
        guard largest.isFinite, largest > 0, shift >= 0 else {
            throw node.invalidOperand("input/output scale ratio \(largest) cannot be rescaled")
        }
        let rescales = zip(inputs, ratios).map { params, ratio in
            QuantizedRescale(zeroPoint: params.zeroPoint,
                             multiplier: Int64((ratio * Double(sign: .plus, exponent: shift, significand: 1)).rounded(.toNearestOrAwayFromZero)))
        }
        return (rescales, shift)
    }
}
