import IR

/// What node translation may know about a graph before import: its default-domain opset, its
/// constants and the shapes the model declares for its values.
struct TranslationContext: Sendable {
    /// The default-domain (`ai.onnx`) opset version the model imports.
    let opset: Int
    let constants: ConstantTable
    /// Dims the model declares (graph inputs, outputs, `value_info`); `nil` for a symbolic dim.
    let declaredShapes: [String: [Int?]]
    /// ONNX element type codes the model declares (graph inputs, outputs, `value_info`).
    let declaredElementTypes: [String: Int32]
    /// Every value name the graph defines, so that introduced constants get fresh names.
    let definedNames: Set<String>
    /// The graph inputs fed at run time (those no initializer backs).
    let runtimeInputs: Set<String>

    /// Throws `UnsupportedFeature` when the operand `name`, which vggc needs at compile time
    /// (a Reshape target, a ConstantOfShape shape), is a graph input fed at run time.
    func requireCompileTime(_ name: String, operand: String) throws {
        guard runtimeInputs.contains(name) else { return }
        throw UnsupportedFeature("input '\(operand)' ('\(name)') is a graph input; it must be a compile-time constant")
    }

    /// The rank of a value when a constant or a declaration fixes it.
    func rank(of name: String) -> Int? {
        constants.dims(of: name)?.count ?? declaredShapes[name]?.count
    }

    /// The dims of a value when a constant or a declaration fixes all of them.
    func dims(of name: String) -> [Int]? {
        if let dims = constants.dims(of: name) { return dims }
        guard let declared = declaredShapes[name], declared.allSatisfy({ $0 != nil }) else { return nil }
        return declared.compactMap { $0 }
    }

    /// The element type of a value when a constant or a declaration fixes it; `nil` when unknown
    /// or not one vggc represents.
    func elementType(of name: String) -> DataType? {
        guard let code = constants.elementTypeCode(of: name) ?? declaredElementTypes[name] else { return nil }
        return ONNXElementType.dataType(code)
    }

    /// The value of the operand `name`, which the op needs at compile time; throws
    /// `UnsupportedFeature` when it is computed at run time.
    func constant(_ name: String, operand: String) throws -> Tensor {
        guard let value = try constants.value(of: name) else {
            throw UnsupportedFeature("input '\(operand)' ('\(name)') must be a constant (an initializer or a Constant output)")
        }
        return value
    }

    /// `base`, or `base` with underscores appended until no graph value has the name.
    func freshName(_ base: String) -> String {
        var name = base
        while definedNames.contains(name) { name += "_" }
        return name
    }

    /// The dims declared by value infos; symbolic or missing extents are `nil`. Values without a
    /// tensor type or shape are left out.
    static func declaredShapes(_ graph: Onnx_GraphProto) -> [String: [Int?]] {
        var shapes: [String: [Int?]] = [:]
        for info in declaredValues(graph) {
            guard case .tensorType(let tensor)? = info.type.value, tensor.hasShape else { continue }
            shapes[info.name] = tensor.shape.dim.map { dim in
                if case .dimValue(let extent)? = dim.value, extent >= 0 { return Int(extent) }
                return nil
            }
        }
        return shapes
    }

    /// The element types declared by value infos with a tensor type.
    static func declaredElementTypes(_ graph: Onnx_GraphProto) -> [String: Int32] {
        var types: [String: Int32] = [:]
        for info in declaredValues(graph) {
            guard case .tensorType(let tensor)? = info.type.value else { continue }
            types[info.name] = tensor.elemType
        }
        return types
    }

    private static func declaredValues(_ graph: Onnx_GraphProto) -> [Onnx_ValueInfoProto] {
        graph.input + graph.valueInfo + graph.output
    }
}
