import IR

/// Gemm and the elementwise binary ops, including the legacy broadcasting of opsets before 7.
extension NodeTranslator {
    /// Gemm. Before opset 7 a `broadcast` attribute allowed `C` to broadcast; the IR always
    /// broadcasts it unidirectionally, which covers both settings. `C` is optional from opset 11.
    func translateGemm(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let gemm = GemmAttributes(alpha: try attributes.float("alpha", default: 1),
                                  beta: try attributes.float("beta", default: 1),
                                  transA: try attributes.flag("transA", default: false),
                                  transB: try attributes.flag("transB", default: false))
        return try single(node, .gemm(gemm), inputs: 2...3)
    }

    /// Add, Sub, Mul and Div with numpy broadcasting. Before opset 7, `broadcast=1` with `axis`
    /// aligned `B`'s axes with `A`'s starting at `axis`; that equals numpy broadcasting when `B`
    /// reaches `A`'s last axis, and otherwise a constant `B` is reshaped with trailing unit axes.
    func translateBinary(_ node: ONNXNode, _ op: Op, _ attributes: AttributeReader) throws -> Translation {
        guard context.opset < 7, try attributes.flag("broadcast", default: false),
              let axis = try attributes.int("axis") else {
            return try single(node, op, inputs: 2...2)
        }
        let inputs = node.presentInputs
        guard inputs.count == 2 else { return try single(node, op, inputs: 2...2) }
        guard let rankA = context.rank(of: inputs[0]), let dimsB = context.dims(of: inputs[1]) else {
            throw UnsupportedFeature("legacy broadcast with axis=\(axis) needs the ranks of both inputs, which the model does not declare")
        }
        let start = axis < 0 ? axis + rankA : axis
        let trailing = rankA - start - dimsB.count
        guard start >= 0, trailing >= 0 else {
            throw UnsupportedFeature("legacy broadcast axis \(axis) does not fit ranks \(rankA) and \(dimsB.count)")
        }
        if trailing == 0 { return try single(node, op, inputs: 2...2) }
        guard let valueB = try context.constants.value(of: inputs[1]) else {
            throw UnsupportedFeature("legacy broadcast at axis \(axis) of a non-constant input '\(inputs[1])' is not supported")
        }
        let aligned = Tensor(shape: Shape(dimsB + Array(repeating: 1, count: trailing)), data: valueB.data)
        let alignedName = context.freshName("\(inputs[1])_aligned_\(node.name)")
        var translation = try single(node, op, inputs: 2...2, inputNames: [inputs[0], alignedName])
        translation.constants[alignedName] = aligned
        return translation
    }
}
