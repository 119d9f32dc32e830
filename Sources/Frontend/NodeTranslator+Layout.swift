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

/// Slicing, splitting and reductions, whose operands became inputs in later opsets.
extension NodeTranslator {
    /// Slice: `starts`, `ends` and `axes` are attributes before opset 10; from 10 on they and
    /// `steps` are constant inputs. Absent `axes` means `0..<count`, absent `steps` all ones.
    func translateSlice(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?
        if context.opset < 10 {
            guard let startsAttribute = try attributes.clampedInts("starts"), let endsAttribute = try attributes.clampedInts("ends") else {
                throw UnsupportedFeature("attributes 'starts' and 'ends' are required")
            }
            (starts, ends, axes, steps) = (startsAttribute, endsAttribute, try attributes.ints("axes"), nil)
        } else {
            guard let startsName = optionalInput(node, 1), let endsName = optionalInput(node, 2) else {
                throw UnsupportedFeature("inputs 'starts' and 'ends' are required")
            }
            let bounds = zip(node.presentInputs.dropFirst(), ["starts", "ends", "axes", "steps"]).filter { !$0.0.isEmpty }
            if bounds.contains(where: { !context.constants.contains($0.0) }) {
                for (bound, operand) in bounds { try context.requireCompileTime(bound, operand: operand) }
                return try computedBoundsSlice(node)
            }
            starts = try constantBounds(startsName, operand: "starts")
            ends = try constantBounds(endsName, operand: "ends")
            axes = try optionalInput(node, 3).map { try constantInts($0, operand: "axes") }
            steps = try optionalInput(node, 4).map { try constantInts($0, operand: "steps") }
        }
        let slice = SliceAttributes(starts: starts, ends: ends, axes: axes ?? Array(starts.indices),
                                    steps: steps ?? Array(repeating: 1, count: starts.count))
        return try single(node, .slice(slice), inputs: context.opset < 10 ? 1...1 : 3...5, keptInputs: 1)
    }

    /// A Slice whose bounds the graph computes from shapes (TorchScript's `chunk`): its bound inputs
    /// stay inputs, and shape inference turns them into attributes (`ShapeInference.resolvingSliceBounds`).
    private func computedBoundsSlice(_ node: ONNXNode) throws -> Translation {
        let placeholder = SliceAttributes(starts: [], ends: [], axes: [], steps: [])
        return try single(node, .slice(placeholder), inputs: 3...5)
    }

    /// The elements of the constant integer vector `name`, clamped to ±`AttributeReader.integerLimit`.
    private func constantBounds(_ name: String, operand: String) throws -> [Int] {
        let value = try context.constant(name, operand: operand)
        guard value.type.elementType == .int64 || value.type.elementType == .int32, value.shape.rank <= 1 else {
            throw UnsupportedFeature("input '\(operand)' must be an integer vector, it is \(value.type)")
        }
        return value.int64s.map(AttributeReader.clamped)
    }

    /// Split: the part sizes are the `split` attribute before opset 13 and an optional constant input
    /// from 13 on; without them the axis is cut into as many equal parts as the node has outputs
    /// (opset 18's `num_outputs` says the same).
    func translateSplit(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let axis = try attributes.int("axis", default: 0)
        let sizes: [Int]?
        if context.opset < 13 {
            sizes = try attributes.ints("split")
        } else {
            sizes = try optionalInput(node, 1).map { try constantInts($0, operand: "split") }
        }
        if let parts = try attributes.int("num_outputs"), parts != node.presentOutputs.count {
            throw UnsupportedFeature("num_outputs is \(parts) but the node has \(node.presentOutputs.count) outputs")
        }
        return try single(node, .split(axis: axis, sizes: sizes), inputs: context.opset < 13 ? 1...1 : 1...2,
                          outputs: 1...Int.max, keptInputs: 1)
    }

    /// ReduceMean: `axes` is an attribute before opset 18 and an optional constant input from 18
    /// on; no axes means every axis, unless `noop_with_empty_axes` makes it the identity.
    func translateReduceMean(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let keepDims = try attributes.flag("keepdims", default: true)
        let axes: [Int]?
        if context.opset < 18 {
            axes = try attributes.ints("axes")
        } else {
            axes = try optionalInput(node, 1).map { try constantInts($0, operand: "axes") }
        }
        if axes?.isEmpty ?? true, try attributes.flag("noop_with_empty_axes", default: false) {
            return try single(node, .identity, inputs: 1...2, keptInputs: 1)
        }
        let reduced = axes?.isEmpty == false ? axes : nil
        return try single(node, .reduceMean(axes: reduced, keepDims: keepDims), inputs: context.opset < 18 ? 1...1 : 1...2,
                          keptInputs: 1)
    }
}
