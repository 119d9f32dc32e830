import IR

/// The product of two activations (`QuantizedOp.multiply`): squeeze-and-excitation's scaling of a
/// feature map by per-channel gates, or two feature maps of one shape.
extension QuantizedLayerAppending {
    /// `Mul(a, b)` of two stored values, the second of the output's shape or `[N, C, 1, …]`;
    /// the operands are swapped when the broadcast one comes first. The multiplier is
    /// `round(s_a × s_b / s_out × 2^shift)` with 31 significant bits, as the rescales of `add` are.
    package mutating func addProduct(_ node: Node) throws {
        guard mode.storageType == .int8 else {
            throw refuse(node, "Mul of two activations is defined on int8 storage only")
        }
        let output = try dims(of: node.outputs[0])
        let (full, gate) = try dims(of: node.inputs[0]) == output
            ? (node.inputs[0], node.inputs[1]) : (node.inputs[1], node.inputs[0])
        guard try dims(of: full) == output, QuantizedGraph.broadcastsOverSpatialAxes(try dims(of: gate), to: output) else {
            throw refuse(node, "Mul of \(try node.inputs.map { try dims(of: $0) }) activations; only equal shapes or [N, C, 1, 1] gates are supported")
        }
        let (a, b) = (try inputParams(full, of: node), try inputParams(gate, of: node))
        let outParams = try outputParams(node)
        let (multiplier, shift) = try productRescale(node, a: a, b: b, output: outParams)
        try append(node, .multiply(aZeroPoint: a.zeroPoint, bZeroPoint: b.zeroPoint, multiplier: multiplier, shift: shift,
                                   outputZeroPoint: outParams.zeroPoint, outputClamp: mode.storageRange),
                   inputs: [full, gate], params: outParams)
    }

    /// The multiplier and shift of `Mul`'s rescale `s_a × s_b / s_out`: `round(ratio × 2^shift)` with
    /// 31 significant bits.
    package func productRescale(_ node: Node, a: QuantParams, b: QuantParams, output: QuantParams) throws -> (multiplier: Int64, shift: Int) {
        let ratio = Double(a.scale) * Double(b.scale) / Double(output.scale)
        let shift = ratio.isFinite && ratio > 0 ? min(30 - Int(ratio.exponent), FixedPointMultiplier.maximumShift) : -1
        guard shift >= 0 else { throw unrescalable(node, ratio: ratio) }
        return (Int64((ratio * Double(sign: .plus, exponent: shift, significand: 1)).rounded(.toNearestOrAwayFromZero)), shift)
    }
}
