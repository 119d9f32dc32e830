/// Typing rules of the elementwise, normalisation, linear-algebra and quantization ops.
extension ShapeInference {
    /// The operand layout of a MatMul: broadcast batch axes and the matrix extents, with 1-D
    /// operands promoted (`[K]` → `[1, K]` for A, `[K, 1]` for B) and the result's extra axis dropped.
    package struct MatMulLayout {
        package var batch: Shape
        package var aBatch: Shape
        package var bBatch: Shape
        package var m: Int
        package var k: Int
        package var n: Int
        package var output: Shape
    }

    package static func matMulLayout(node: Node, a: Shape, b: Shape) throws -> MatMulLayout {
        guard a.rank >= 1, b.rank >= 1 else { throw node.shapeMismatch("operands \(a) and \(b) must not be scalars") }
        let a2 = a.rank == 1 ? Shape([1, a[0]]) : a
        let b2 = b.rank == 1 ? Shape([b[0], 1]) : b
        let aBatch = Shape(Array(a2.dims.dropLast(2)))
        let bBatch = Shape(Array(b2.dims.dropLast(2)))
        let k = a2[a2.rank - 1]
        guard k == b2[b2.rank - 2], let batch = Broadcasting.shape(aBatch, bBatch) else {
            throw node.shapeMismatch("operands \(a) and \(b) do not multiply")
        }
        let m = a2[a2.rank - 2]
        let n = b2[b2.rank - 1]
        var output = batch.dims
        if a.rank > 1 { output.append(m) }
        if b.rank > 1 { output.append(n) }
        return MatMulLayout(batch: batch, aBatch: aBatch, bBatch: bBatch, m: m, k: k, n: n, output: Shape(output))
    }

    package static func matMulType(_ operands: NodeOperands) throws -> TensorType {
        let a = try operands.floatType(0).shape
        let b = try operands.floatType(1).shape
        return TensorType(.float32, try matMulLayout(node: operands.node, a: a, b: b).output)
    }

    /// `(M, K, N)` of a Gemm after applying the transpose flags.
    package static func gemmExtents(node: Node, a: Shape, b: Shape, _ attributes: GemmAttributes) throws -> (m: Int, k: Int, n: Int) {
        guard a.rank == 2, b.rank == 2 else { throw node.shapeMismatch("operands \(a) and \(b) must be matrices") }
        let (m, k) = attributes.transA ? (a[1], a[0]) : (a[0], a[1])
        let (kb, n) = attributes.transB ? (b[1], b[0]) : (b[0], b[1])
        guard k == kb else {
            throw node.shapeMismatch("A \(a) (transA \(attributes.transA)) and B \(b) (transB \(attributes.transB)) do not multiply")
        }
        return (m, k, n)
    }

    package static func gemmType(_ operands: NodeOperands, _ attributes: GemmAttributes) throws -> TensorType {
        let extents = try gemmExtents(node: operands.node, a: try operands.floatType(0).shape,
                                      b: try operands.floatType(1).shape, attributes)
        let output = Shape([extents.m, extents.n])
        if operands.optionalType(2) != nil {
            let c = try operands.floatType(2).shape
            guard Broadcasting.broadcasts(c, to: output) else {
                throw operands.node.shapeMismatch("C \(c) does not broadcast to \(output)")
            }
        }
        return TensorType(.float32, output)
    }

    /// The numpy broadcast of every input (two for Sub, Mul and Div; one or more for Add), all of
    /// one numeric element type.
    package static func broadcastType(_ operands: NodeOperands) throws -> TensorType {
        let first = try operands.type(0)
        guard first.elementType != .bool else { throw operands.node.typeMismatch(expected: "a numeric type", found: .bool) }
        var shape = first.shape
        for index in operands.types.indices.dropFirst() {
            let other = try operands.type(index)
            guard other.elementType == first.elementType else {
                throw operands.node.typeMismatch(expected: "\(first.elementType) like input 0", found: other.elementType)
            }
            guard let broadcast = Broadcasting.shape(shape, other.shape) else {
                throw operands.node.shapeMismatch("shapes \(shape) and \(other.shape) do not broadcast")
            }
            shape = broadcast
        }
        return TensorType(first.elementType, shape)
    }

    package static func softmaxType(_ operands: NodeOperands, axis: Int) throws -> TensorType {
        let x = try operands.floatType(0)
        _ = try normalizedAxis(axis, rank: x.shape.rank, node: operands.node)
        return x
    }

    package static func lrnType(_ operands: NodeOperands, _ attributes: LRNAttributes) throws -> TensorType {
        let x = try operands.floatType(0)
        guard x.shape.rank >= 2, attributes.size >= 1 else {
            throw operands.node.shapeMismatch("input \(x.shape) needs a channel axis and size \(attributes.size) must be positive")
        }
        return x
    }

    package static func batchNormalizationType(_ operands: NodeOperands) throws -> TensorType {
        let x = try operands.floatType(0)
        guard x.shape.rank >= 2 else { throw operands.node.shapeMismatch("input \(x.shape) needs a channel axis") }
        for index in 1...4 {
            let parameter = try operands.floatType(index).shape
            guard parameter.rank == 1, parameter[0] == x.shape[1] else {
                throw operands.node.shapeMismatch("parameter \(index) \(parameter) must be [\(x.shape[1])]")
            }
        }
        try checkVariance(operands)
        return x
    }

    /// A constant BatchNormalization variance plus epsilon must be positive and finite: the
    /// normalisation divides by its square root.
    private static func checkVariance(_ operands: NodeOperands) throws {
        guard case .batchNormalization(let epsilon) = operands.node.op, operands.constants.count > 4,
              let variance = operands.constants[4], variance.data.elementType == .float32 else { return }
        if let channel = variance.floats.firstIndex(where: { !(($0 + epsilon) > 0 && ($0 + epsilon).isFinite) }) {
            throw operands.node.invalidOperand("variance \(variance.floats[channel]) + epsilon \(epsilon) of channel \(channel) is not positive and finite")
        }
    }

    package static func quantizeType(_ operands: NodeOperands, axis: Int) throws -> TensorType {
        let x = try operands.floatType(0)
        try checkQuantizationParameters(operands, x: x.shape, axis: axis)
        let target = operands.optionalType(2)?.elementType ?? .uint8
        guard target == .uint8 || target == .int8 else {
            throw operands.node.typeMismatch(expected: "u8 or i8 zero point", found: target)
        }
        return TensorType(target, x.shape)
    }

    package static func dequantizeType(_ operands: NodeOperands, axis: Int) throws -> TensorType {
        let x = try operands.type(0)
        guard [.int8, .uint8, .int32].contains(x.elementType) else {
            throw operands.node.typeMismatch(expected: "i8, u8 or i32", found: x.elementType)
        }
        try checkQuantizationParameters(operands, x: x.shape, axis: axis)
        if let zeroPoint = operands.optionalType(2), zeroPoint.elementType != x.elementType {
            throw operands.node.typeMismatch(expected: "zero point of type \(x.elementType)", found: zeroPoint.elementType)
        }
        return TensorType(.float32, x.shape)
    }

    /// The scale (input 1, float) and zero point (input 2, optional) are scalars or, per axis,
    /// vectors of `x[axis]` elements.
    private static func checkQuantizationParameters(_ operands: NodeOperands, x: Shape, axis: Int) throws {
        let scale = try operands.floatType(1).shape
        if scale.rank == 1 && scale[0] != 1 || scale.rank > 1 {
            let axis = try normalizedAxis(axis, rank: x.rank, node: operands.node)
            guard scale.rank == 1, scale[0] == x[axis] else {
                throw operands.node.shapeMismatch("scale \(scale) must be a scalar or [\(x[axis])] for axis \(axis) of \(x)")
            }
        }
        if let zeroPoint = operands.optionalType(2), zeroPoint.shape.elementCount != scale.elementCount {
            throw operands.node.shapeMismatch("zero point \(zeroPoint.shape) does not match scale \(scale)")
        }
    }
}
