import IR

/// Activations and normalisations whose attributes changed across opsets.
extension NodeTranslator {
    /// Clip: bounds are attributes before opset 11 and optional constant inputs from 11 on.
    func translateClip(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        if context.opset < 11 {
            let low = try attributes.float("min", default: -.infinity)
            let high = try attributes.float("max", default: .infinity)
            return try single(node, .clip(min: low, max: high), inputs: 1...1)
        }
        let low = try optionalInput(node, 1).map { try constantScalar($0, operand: "min") } ?? -.infinity
        let high = try optionalInput(node, 2).map { try constantScalar($0, operand: "max") } ?? .infinity
        return try single(node, .clip(min: low, max: high), inputs: 1...3, keptInputs: 1)
    }

    /// Softmax: before opset 13 the input is coerced to 2-D at `axis` (default 1); from 13 on it
    /// normalises along the single `axis` (default -1).
    func translateSoftmax(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let coerce2D = context.opset < 13
        let axis = try attributes.int("axis", default: coerce2D ? 1 : -1)
        return try single(node, .softmax(axis: axis, coerce2D: coerce2D), inputs: 1...1)
    }

    func translateLRN(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        guard let size = try attributes.int("size"), size > 0 else {
            throw UnsupportedFeature("attribute 'size' must be present and positive")
        }
        let lrn = LRNAttributes(size: size,
                                alpha: try attributes.float("alpha", default: 0.0001),
                                beta: try attributes.float("beta", default: 0.75),
                                bias: try attributes.float("bias", default: 1))
        return try single(node, .lrn(lrn), inputs: 1...1)
    }

    /// Inference-mode batch normalisation. Old opsets' `is_test` and `momentum` do not change the
    /// inference result and are ignored; per-activation statistics (`spatial=0`), training mode and
    /// the running-statistics outputs are unsupported.
    func translateBatchNormalization(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        guard try attributes.int("spatial", default: 1) == 1 else {
            throw UnsupportedFeature("spatial=0 (per-activation statistics) is not supported")
        }
        guard try !attributes.flag("training_mode", default: false) else {
            throw UnsupportedFeature("training_mode=1 is not supported")
        }
        if node.presentOutputs.count > 1 {
            throw UnsupportedFeature("the training outputs (running mean and variance) are not supported")
        }
        let epsilon = try attributes.float("epsilon", default: 1e-5)
        return try single(node, .batchNormalization(epsilon: epsilon), inputs: 5...5)
    }

    /// The single element of the constant operand `name`, as a float.
    func constantScalar(_ name: String, operand: String) throws -> Float {
        let value = try context.constant(name, operand: operand)
        guard value.shape.elementCount == 1 else {
            throw UnsupportedFeature("input '\(operand)' must hold one element, it has shape \(value.shape)")
        }
        return value.floats[0]
    }

    /// The elements of the constant integer vector operand `name`.
    func constantInts(_ name: String, operand: String) throws -> [Int] {
        let value = try context.constant(name, operand: operand)
        guard value.type.elementType == .int64 || value.type.elementType == .int32, value.shape.rank <= 1 else {
            throw UnsupportedFeature("input '\(operand)' must be an integer vector, it is \(value.type)")
        }
        return try value.int64s.map { try AttributeReader.bounded(Int($0), operand) }
    }
}
