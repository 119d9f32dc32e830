import IR

/// Constants, dropout, shape plumbing, casts and quantization.
extension NodeTranslator {
    /// Dropout is the identity at inference. Its ratio (attribute, or input from opset 12) does
    /// not matter; a `training_mode` input (opset 12) must be a constant false.
    func translateDropout(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        if let trainingMode = optionalInput(node, 2) {
            let value = try context.constant(trainingMode, operand: "training_mode")
            guard value.int64s.allSatisfy({ $0 == 0 }) else {
                throw UnsupportedFeature("training_mode=true is not supported")
            }
        }
        return try single(node, .dropout, inputs: 1...3, outputs: 1...2, keptInputs: 1)
    }

    /// A Constant becomes an initializer named after its output; no IR node remains.
    func translateConstant(_ node: ONNXNode) throws -> Translation {
        guard node.presentInputs.isEmpty, node.presentOutputs.count == 1 else {
            throw UnsupportedFeature("expects no inputs and 1 output")
        }
        let output = node.presentOutputs[0]
        guard let value = try context.constants.value(of: output) else {
            throw UnsupportedFeature("the constant value could not be read")
        }
        return Translation(node: nil, constants: [output: value])
    }

    /// ConstantOfShape: the fill value is a one-element tensor, float 0 when absent.
    func translateConstantOfShape(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        if let shape = optionalInput(node, 0) { try context.requireCompileTime(shape, operand: "input") }
        var value = Tensor(shape: [1], floats: [0])
        if let proto = try attributes.tensor("value") {
            guard ONNXElementType.dataType(proto.dataType) != nil else {
                throw UnsupportedFeature("value has unsupported data type \(ONNXElementType.name(proto.dataType))")
            }
            value = try context.constants.decoder.decode(proto, name: "\(node.name).value")
            guard value.shape.elementCount == 1 else {
                throw UnsupportedFeature("value must hold one element, it has shape \(value.shape)")
            }
        }
        return try single(node, .constantOfShape(value: value), inputs: 1...1)
    }

    /// Shape: `start` and `end` slice the shape vector (opset 15).
    func translateShape(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let op = Op.shape(start: try attributes.int("start", default: 0), end: try attributes.int("end"))
        return try single(node, op, inputs: 1...1)
    }

    func translateCast(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        guard let code = try attributes.int("to") else { throw UnsupportedFeature("attribute 'to' is required") }
        // `AttributeReader` bounds integers to the Int32 range.
        let typeCode = Int32(code)
        guard let target = ONNXElementType.dataType(typeCode) else {
            throw UnsupportedFeature("cast to unsupported data type \(ONNXElementType.name(typeCode))")
        }
        return try single(node, .cast(to: target), inputs: 1...1)
    }

    /// QuantizeLinear with int8 or uint8 output; `saturate`, `block_size` and `output_dtype`
    /// (opsets 19 and 21) must keep their defaults, and `precision` (opset 23) must be absent or
    /// float32, the division vggc performs.
    func translateQuantizeLinear(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        try requireDefaultQuantizationAttributes(attributes)
        let precision = try attributes.int("precision", default: 0)
        guard precision == 0 || precision == Int(ONNXElementType.code(.float32)) else {
            throw UnsupportedFeature("precision \(ONNXElementType.name(Int32(clamping: precision))) is not supported, only float")
        }
        guard try attributes.int("saturate", default: 1) == 1 else { throw UnsupportedFeature("saturate=0 is not supported") }
        guard try attributes.int("output_dtype", default: 0) == 0 else {
            throw UnsupportedFeature("attribute 'output_dtype' is not supported; give a zero_point instead")
        }
        if let zeroPoint = optionalInput(node, 2), let type = try context.constants.value(of: zeroPoint)?.type.elementType,
           type != .int8, type != .uint8 {
            throw UnsupportedFeature("quantization to \(type) is not supported, only int8 and uint8")
        }
        return try single(node, .quantizeLinear(axis: attributes.int("axis", default: 1)), inputs: 2...3)
    }

    /// DequantizeLinear to float32; `output_dtype` (opset 23) must be absent or float.
    func translateDequantizeLinear(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        try requireDefaultQuantizationAttributes(attributes)
        let outputType = try attributes.int("output_dtype", default: 0)
        guard outputType == 0 || outputType == Int(ONNXElementType.code(.float32)) else {
            throw UnsupportedFeature("output_dtype \(ONNXElementType.name(Int32(clamping: outputType))) is not supported, only float")
        }
        return try single(node, .dequantizeLinear(axis: attributes.int("axis", default: 1)), inputs: 2...3)
    }

    private func requireDefaultQuantizationAttributes(_ attributes: AttributeReader) throws {
        guard try attributes.int("block_size", default: 0) == 0 else {
            throw UnsupportedFeature("blocked quantization (block_size) is not supported")
        }
    }
}
