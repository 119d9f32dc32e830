/// Elementwise functions, sums, concatenation and padding with the model's parameters.
extension QDQGraphBuilder {
    /// Any elementwise function of one int8 input (ReLU, Clip, sigmoid, tanh, leaky ReLU) as a
    /// 256-entry table from the input's parameters to the output's: exact for every input.
    mutating func addTable(_ node: Node, _ function: @escaping (Double) -> Double) throws {
        let x = node.inputs[0]
        let inParams = try inputParams(x, of: node)
        let outParams = try outputParams(node)
        try append(node, .lookupTable(LookupTable.build(input: inParams, output: outParams, function: function)),
                   inputs: [x], params: outParams)
    }

    /// Add of same-shaped activations, each rescaled to the output's scale.
    mutating func addSum(_ node: Node) throws {
        let shapes = try node.inputs.map { try dims(of: $0) }
        guard shapes.allSatisfy({ $0 == shapes[0] }) else {
            throw refuse(node, "Add broadcasts \(shapes.map(\.description).joined(separator: " + ")); only same-shaped activations are added")
        }
        let outParams = try outputParams(node)
        let (rescales, shift) = try rescaling(node, to: outParams)
        try append(node, .add(inputs: rescales, shift: shift, outputZeroPoint: outParams.zeroPoint, outputClamp: Self.storage),
                   inputs: node.inputs, params: outParams)
    }

    mutating func addConcat(_ node: Node, axis: Int) throws {
        let outParams = try outputParams(node)
        let rank = try dims(of: node.outputs[0]).count
        let (rescales, shift) = try rescaling(node, to: outParams)
        try append(node, .concat(axis: try ShapeInference.normalizedAxis(axis, rank: rank, node: node), inputs: rescales,
                                 shift: shift, outputZeroPoint: outParams.zeroPoint, outputClamp: Self.storage),
                   inputs: node.inputs, params: outParams)
    }

    /// Constant padding in the input's parameters (the output must keep them).
    mutating func addPad(_ node: Node, mode padMode: PadMode, pads: [Int], value: Float) throws {
        guard padMode == .constant else { throw refuse(node, "only constant padding is supported, not \(padMode.rawValue)") }
        let inParams = try inputParams(node.inputs[0], of: node)
        try addSameScale(node, .pad(pads: pads, value: inParams.quantize(value, into: Self.storage)))
    }

    /// Multipliers `m_i = round((s_i / s_out) × 2^shift)` with one shift, the largest with 31
    /// significant bits; equal scales give equal powers of two, so the rescale is then exact.
    private func rescaling(_ node: Node, to output: QuantParams) throws -> ([QuantizedRescale], Int) {
        let inputs = try node.inputs.map { try inputParams($0, of: node) }
        let ratios = inputs.map { Double($0.scale) / Double(output.scale) }
        let largest = ratios.max() ?? 1
        let shift = min(30 - Int(largest.exponent), FixedPointMultiplier.maximumShift)
        guard largest.isFinite, largest > 0, shift >= 0 else {
            throw refuse(node, "input/output scale ratio \(largest) cannot be rescaled by a right shift")
        }
        let rescales = zip(inputs, ratios).map { params, ratio in
            QuantizedRescale(zeroPoint: params.zeroPoint,
                             multiplier: Int64((ratio * Double(sign: .plus, exponent: shift, significand: 1)).rounded(.toNearestOrAwayFromZero)))
        }
        return (rescales, shift)
    }
}
