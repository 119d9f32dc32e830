import IR

/// The values of an ONNX graph known at compile time, initializers and `Constant` node outputs,
/// decoded only when asked for.
struct ConstantTable: Sendable {
    private enum Source: Sendable {
        case initializer(Onnx_TensorProto)
        case constantNode(ONNXNode)
    }

    private let sources: [String: Source]
    let decoder: TensorProtoDecoder

    init(graph: Onnx_GraphProto, nodes: [ONNXNode], decoder: TensorProtoDecoder) {
        var sources: [String: Source] = [:]
        for tensor in graph.initializer { sources[tensor.name] = .initializer(tensor) }
        for node in nodes where node.isDefaultDomain && node.proto.opType == "Constant" {
            if let output = node.proto.output.first, !output.isEmpty { sources[output] = .constantNode(node) }
        }
        self.sources = sources
        self.decoder = decoder
    }

    /// True when `name` is an initializer or a `Constant` output.
    func contains(_ name: String) -> Bool { sources[name] != nil }

    /// The dims of a constant, read without decoding its elements; `nil` when `name` is not a
    /// constant or its value is unusable.
    func dims(of name: String) -> [Int]? {
        switch sources[name] {
        case .initializer(let tensor): return tensor.dims.map { Int($0) }
        case .constantNode: return (try? value(of: name))?.shape.dims
        case nil: return nil
        }
    }

    /// The ONNX element type code of a constant, read without decoding it.
    func elementTypeCode(of name: String) -> Int32? {
        switch sources[name] {
        case .initializer(let tensor): return tensor.dataType
        case .constantNode: return (try? value(of: name)).map { ONNXElementType.code($0.type.elementType) }
        case nil: return nil
        }
    }

    /// The decoded value of a constant, or `nil` when `name` is not one. Throws
    /// `UnsupportedFeature` for a `Constant` node of a form vggc does not read, and `FrontendError`
    /// for a malformed tensor.
    func value(of name: String) throws -> Tensor? {
        switch sources[name] {
        case .initializer(let tensor): return try decoder.decode(tensor, name: name)
        case .constantNode(let node): return try Self.value(ofConstant: node.proto, decoder: decoder, name: name)
        case nil: return nil
        }
    }

    /// The tensor an ONNX `Constant` node produces, from whichever single `value*` attribute it
    /// sets.
    static func value(ofConstant node: Onnx_NodeProto, decoder: TensorProtoDecoder, name: String) throws -> Tensor {
        let attributes = AttributeReader(node)
        let set = node.attribute.map(\.name)
        guard set.count == 1 else {
            throw UnsupportedFeature("a Constant must set exactly one value attribute, it sets \(set.count)")
        }
        if let tensor = try attributes.tensor("value") {
            guard ONNXElementType.dataType(tensor.dataType) != nil else {
                throw UnsupportedFeature("value has unsupported data type \(ONNXElementType.name(tensor.dataType))")
            }
            return try decoder.decode(tensor, name: name)
        }
        if let value = try attributes.float("value_float") { return Tensor(shape: [], floats: [value]) }
        if let values = try attributes.floats("value_floats") { return Tensor(shape: [values.count], floats: values) }
        if let value = try attributes.int("value_int") { return Tensor(shape: [], int64s: [Int64(value)]) }
        if let values = try attributes.ints("value_ints") {
            return Tensor(shape: [values.count], int64s: values.map { Int64($0) })
        }
        throw UnsupportedFeature("Constant attribute '\(set[0])' is not supported")
    }
}
