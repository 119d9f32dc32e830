/// Elementwise binary ops with numpy broadcasting (ONNX Add, Sub, Mul, Div), for float and
/// integer storage.
package enum BinaryKernel {
    /// Evaluates `node`'s arithmetic op on `a` and `b` into `output`'s shape. Integer division
    /// truncates toward zero; dividing an integer by zero is an `invalidOperand` error.
    package static func evaluate(_ node: Node, _ a: Tensor, _ b: Tensor, output: Shape) throws -> TensorData {
        switch (a.data, b.data) {
        case (.float32(let x), .float32(let y)):
            return .float32(apply(x, a.shape, y, b.shape, to: output, floatOperation(node.op)))
        case (.int64(let x), .int64(let y)):
            return .int64(apply(x, a.shape, y, b.shape, to: output, try integerOperation(node, y)))
        case (.int32(let x), .int32(let y)):
            return .int32(apply(x, a.shape, y, b.shape, to: output, try integerOperation(node, y)))
        case (.int8(let x), .int8(let y)):
            return .int8(apply(x, a.shape, y, b.shape, to: output, try integerOperation(node, y)))
        case (.uint8(let x), .uint8(let y)):
            return .uint8(apply(x, a.shape, y, b.shape, to: output, try integerOperation(node, y)))
        case (.float32, _), (.int64, _), (.int32, _), (.int8, _), (.uint8, _), (.bool, _):
            throw node.typeMismatch(expected: "two numeric operands of one type", found: b.data.elementType)
        }
    }

    /// Evaluates `node`'s arithmetic op in the storage of `values`, a float operand that already has
    /// the output's shape: `values[i] = values[i] op other[j]`, or `other[j] op values[i]` when
    /// `values` is the right operand, with `other` broadcast to `output`. When nothing else shares
    /// `values`' storage, no element is copied and no tensor allocated.
    package static func evaluateInPlace(_ node: Node, _ values: inout [Float], isLeft: Bool, other: [Float], otherShape: Shape,
                                        output: Shape) {
        let operation = floatOperation(node.op)
        let otherStrides = Broadcasting.strides(of: otherShape, broadcastTo: output)
        values.withUnsafeMutableBufferPointer { buffer in
            forEachOffsetPair(over: output, output.strides, otherStrides) { index, otherIndex in
                buffer[index] = isLeft ? operation(buffer[index], other[otherIndex]) : operation(other[otherIndex], buffer[index])
            }
        }
    }

    /// `operation(a[i], b[j])` over the broadcast of `aShape` and `bShape` to `shape`.
    package static func apply<T>(_ a: [T], _ aShape: Shape, _ b: [T], _ bShape: Shape, to shape: Shape,
                         _ operation: (T, T) -> T) -> [T] {
        if aShape == shape && bShape == shape { return zip(a, b).map(operation) }
        if bShape.elementCount == 1, aShape == shape, let y = b.first { return a.map { operation($0, y) } }
        var result = [T]()
        result.reserveCapacity(shape.elementCount)
        forEachOffsetPair(over: shape, Broadcasting.strides(of: aShape, broadcastTo: shape),
                          Broadcasting.strides(of: bShape, broadcastTo: shape)) { aIndex, bIndex in
            result.append(operation(a[aIndex], b[bIndex]))
        }
        return result
    }

    /// Calls `body` with the offsets into two operands read with `aStrides` and `bStrides` at every
    /// element of `shape`, in row-major order.
    private static func forEachOffsetPair(over shape: Shape, _ aStrides: [Int], _ bStrides: [Int], _ body: (Int, Int) -> Void) {
        let count = shape.elementCount
        guard count > 0 else { return }
        let rank = shape.rank
        var coordinate = [Int](repeating: 0, count: rank)
        var (aIndex, bIndex) = (0, 0)
        for _ in 0..<count {
            body(aIndex, bIndex)
            // Advance the odometer from the innermost axis, keeping both source offsets in step.
            var axis = rank - 1
            while axis >= 0 {
                coordinate[axis] += 1
                aIndex += aStrides[axis]
                bIndex += bStrides[axis]
                if coordinate[axis] < shape[axis] { break }
                aIndex -= aStrides[axis] * shape[axis]
                bIndex -= bStrides[axis] * shape[axis]
                coordinate[axis] = 0
                axis -= 1
            }
        }
    }

    private static func floatOperation(_ op: Op) -> (Float, Float) -> Float {
        switch op {
        case .add: return (+)
        case .sub: return (-)
        case .mul: return (*)
        case .div: return (/)
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
             .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
             .gemm, .matMul, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear: preconditionFailure("\(op.operatorName) is not an elementwise arithmetic op")
        }
    }

    private static func integerOperation<T: FixedWidthInteger>(_ node: Node, _ divisors: [T]) throws -> (T, T) -> T {
        switch node.op {
        case .add: return (&+)
        case .sub: return (&-)
        case .mul: return (&*)
        case .div:
            guard !divisors.contains(0) else { throw node.invalidOperand("integer division by zero") }
            return { $0.dividedReportingOverflow(by: $1).partialValue }
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
             .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
             .gemm, .matMul, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split,
             .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear,
             .dequantizeLinear: preconditionFailure("\(node.op.operatorName) is not an elementwise arithmetic op")
        }
    }
}
