extension Tensor {
    /// The elements as IR text-form values: floats, integers or booleans.
    package var textElements: [IRAttributeValue] {
        switch data {
        case .float32(let values): return values.map(IRAttributeValue.float)
        case .int8(let values): return values.map { .int(Int($0)) }
        case .uint8(let values): return values.map { .int(Int($0)) }
        case .int32(let values): return values.map { .int(Int($0)) }
        case .int64(let values): return values.map { .int(Int($0)) }
        case .bool(let values): return values.map(IRAttributeValue.bool)
        }
    }

    /// Rebuilds a tensor of `type` from text-form elements.
    package init(type: TensorType, textElements elements: [IRAttributeValue]) throws {
        guard elements.count == type.shape.elementCount else {
            throw IRAttributeValue.Problem(
                detail: "\(type) needs \(type.shape.elementCount) elements, \(elements.count) given")
        }
        let data: TensorData
        switch type.elementType {
        case .float32: data = .float32(try elements.map { try $0.float() })
        case .int8: data = .int8(try elements.map { try Self.integer($0) })
        case .uint8: data = .uint8(try elements.map { try Self.integer($0) })
        case .int32: data = .int32(try elements.map { try Self.integer($0) })
        case .int64: data = .int64(try elements.map { try Self.integer($0) })
        case .bool: data = .bool(try elements.map { try $0.bool() })
        }
        self.init(shape: type.shape, data: data)
    }

    private static func integer<T: FixedWidthInteger>(_ element: IRAttributeValue) throws -> T {
        let value = try element.int()
        guard let exact = T(exactly: value) else {
            throw IRAttributeValue.Problem(detail: "\(value) does not fit \(T.self)")
        }
        return exact
    }

    /// The tensor as one attribute value, `tensor(f32,[1],[0.0])`.
    package var textAttribute: IRAttributeValue {
        .call("tensor", [.word(type.elementType.rawValue), .ints(shape.dims), .list(textElements)])
    }

    /// Rebuilds a tensor from its attribute form.
    package init(textAttribute value: IRAttributeValue) throws {
        guard case .call("tensor", let parts) = value, parts.count == 3 else {
            throw IRAttributeValue.Problem(detail: "expected tensor(TYPE,[SHAPE],[ELEMENTS]), found '\(value.text)'")
        }
        let type = TensorType(try DataType(textWord: parts[0].word()), Shape(try parts[1].ints()))
        try self.init(type: type, textElements: try parts[2].items())
    }
}
