import IR

/// Layout ops whose operands moved from attributes to inputs across opsets.
extension NodeTranslator {
    func translateConcat(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        guard let axis = try attributes.int("axis") else { throw UnsupportedFeature("attribute 'axis' is required") }
        return try single(node, .concat(axis: axis), inputs: 1...Int.max)
    }

    /// Squeeze: `axes` is an optional attribute before opset 13 and an optional constant input
    /// from 13 on; without it every unit axis is removed.
    func translateSqueeze(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        if context.opset < 13 {
            return try single(node, .squeeze(axes: attributes.ints("axes")), inputs: 1...1)
        }
        let axes = try optionalInput(node, 1).map { try constantInts($0, operand: "axes") }
        return try single(node, .squeeze(axes: axes), inputs: 1...2, keptInputs: 1)
    }

    /// Unsqueeze: `axes` is a required attribute before opset 13 and a required constant input
    /// from 13 on.
    func translateUnsqueeze(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        if context.opset < 13 {
            guard let axes = try attributes.ints("axes") else { throw UnsupportedFeature("attribute 'axes' is required") }
            return try single(node, .unsqueeze(axes: axes), inputs: 1...1)
        }
        guard let axesName = optionalInput(node, 1) else { throw UnsupportedFeature("input 'axes' is required") }
        return try single(node, .unsqueeze(axes: constantInts(axesName, operand: "axes")), inputs: 2...2, keptInputs: 1)
    }

    /// Pad: `pads` and `value` are attributes before opset 11 and constant inputs from 11 on
    /// (`constant_value` optional). The `axes` input of opset 18 and the `wrap` mode are
    /// unsupported.
    func translatePad(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let modeName = try attributes.string("mode") ?? "constant"
        guard let mode = PadMode(rawValue: modeName) else { throw UnsupportedFeature("mode '\(modeName)' is not supported") }
        let pads: [Int]
        let value: Float
        if context.opset < 11 {
            guard let padsAttribute = try attributes.ints("pads") else { throw UnsupportedFeature("attribute 'pads' is required") }
            pads = padsAttribute
            value = try attributes.float("value", default: 0)
        } else {
            if optionalInput(node, 3) != nil { throw UnsupportedFeature("input 'axes' is not supported") }
            guard let padsName = optionalInput(node, 1) else { throw UnsupportedFeature("input 'pads' is required") }
            pads = try constantInts(padsName, operand: "pads")
            value = try optionalInput(node, 2).map { try constantScalar($0, operand: "constant_value") } ?? 0
        }
        guard pads.count.isMultiple(of: 2) else {
            throw UnsupportedFeature("pads \(pads) must hold a begin and an end amount per axis")
        }
        return try single(node, .pad(mode: mode, pads: pads, value: value),
                          inputs: context.opset < 11 ? 1...1 : 2...3, keptInputs: 1)
    }
}
