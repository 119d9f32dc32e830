/// Typing rules of the windowed and fully-connected layers.
extension ShapeInference {
    /// The window of a convolution over input `x` with weights `w`, after checking their ranks and
    /// channel counts against the attributes.
    package static func convGeometry(node: Node, x: Shape, w: Shape, attributes: ConvAttributes) throws -> WindowGeometry {
        guard x.rank == 3 || x.rank == 4 else {
            throw node.shapeMismatch("input \(x) must have rank 3 or 4 (one or two spatial axes)")
        }
        guard w.rank == x.rank else { throw node.shapeMismatch("weight \(w) and input \(x) differ in rank") }
        let group = attributes.group
        guard group >= 1, x[1] % group == 0, w[1] * group == x[1], w[0] % group == 0 else {
            throw node.shapeMismatch("input \(x) and weight \(w) do not fit group \(group)")
        }
        let kernel = Array(w.dims[2...])
        guard attributes.kernelShape.isEmpty || attributes.kernelShape == kernel else {
            throw node.shapeMismatch("kernel_shape \(attributes.kernelShape) differs from weight \(w)")
        }
        return try WindowGeometry(node: node, inputSpatial: Array(x.dims[2...]), kernel: kernel,
                                  strides: attributes.strides, dilations: attributes.dilations,
                                  padding: attributes.padding, ceilMode: false)
    }

    /// The window of a pooling over input `x`.
    package static func poolGeometry(node: Node, x: Shape, attributes: PoolAttributes) throws -> WindowGeometry {
        guard x.rank == 3 || x.rank == 4 else {
            throw node.shapeMismatch("input \(x) must have rank 3 or 4 (one or two spatial axes)")
        }
        return try WindowGeometry(node: node, inputSpatial: Array(x.dims[2...]), kernel: attributes.kernelShape,
                                  strides: attributes.strides, dilations: attributes.dilations,
                                  padding: attributes.padding, ceilMode: attributes.ceilMode)
    }

    package static func convType(_ operands: NodeOperands, _ attributes: ConvAttributes) throws -> TensorType {
        let x = try operands.floatType(0).shape
        let w = try operands.floatType(1).shape
        let geometry = try convGeometry(node: operands.node, x: x, w: w, attributes: attributes)
        try checkBias(operands, index: 2, channels: w[0])
        return TensorType(.float32, Shape([x[0], w[0]] + geometry.outputSpatial))
    }

    package static func fullyConnectedType(_ operands: NodeOperands) throws -> TensorType {
        let x = try operands.floatType(0).shape
        let w = try operands.floatType(1).shape
        guard x.rank == 2, w.rank == 2, x[1] == w[1] else {
            throw operands.node.shapeMismatch("input \(x) and weight \(w) must be [N, K] and [M, K]")
        }
        try checkBias(operands, index: 2, channels: w[0])
        return TensorType(.float32, [x[0], w[0]])
    }

    package static func poolType(_ operands: NodeOperands, _ attributes: PoolAttributes) throws -> TensorType {
        let x = try operands.floatType(0).shape
        let geometry = try poolGeometry(node: operands.node, x: x, attributes: attributes)
        return TensorType(.float32, Shape([x[0], x[1]] + geometry.outputSpatial))
    }

    package static func globalPoolType(_ operands: NodeOperands) throws -> TensorType {
        let x = try operands.floatType(0).shape
        guard x.rank >= 3 else { throw operands.node.shapeMismatch("input \(x) needs at least one spatial axis") }
        return TensorType(.float32, Shape([x[0], x[1]] + [Int](repeating: 1, count: x.rank - 2)))
    }

    package static func reduceType(_ operands: NodeOperands, axes: [Int]?, keepDims: Bool) throws -> TensorType {
        let x = try operands.floatType(0).shape
        let reduced = try reducedAxes(axes, rank: x.rank, node: operands.node)
        let dims = x.dims.indices.compactMap { axis -> Int? in
            guard reduced.contains(axis) else { return x[axis] }
            return keepDims ? 1 : nil
        }
        return TensorType(.float32, Shape(dims))
    }

    /// The non-negative, distinct axes a reduction covers: `axes`, or every axis when `nil`.
    package static func reducedAxes(_ axes: [Int]?, rank: Int, node: Node) throws -> Set<Int> {
        guard let axes else { return Set(0..<rank) }
        let reduced = try Set(axes.map { try normalizedAxis($0, rank: rank, node: node) })
        guard reduced.count == axes.count else { throw node.shapeMismatch("reduction axes \(axes) repeat an axis") }
        return reduced
    }

    /// Checks that optional input `index`, if present, is a float vector of `channels` elements.
    private static func checkBias(_ operands: NodeOperands, index: Int, channels: Int) throws {
        guard operands.optionalType(index) != nil else { return }
        let bias = try operands.floatType(index).shape
        guard bias.rank == 1, bias[0] == channels else {
            throw operands.node.shapeMismatch("bias \(bias) must be [\(channels)]")
        }
    }
}
