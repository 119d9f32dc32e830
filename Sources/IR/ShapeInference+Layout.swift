/// Typing rules of the layout and graph-plumbing ops.
extension ShapeInference {
    package static func concatType(_ operands: NodeOperands, axis: Int) throws -> TensorType {
        let node = operands.node
        guard !operands.types.isEmpty else { throw node.shapeMismatch("needs at least one input") }
        let first = try operands.type(0)
        let axis = try normalizedAxis(axis, rank: first.shape.rank, node: node)
        var dims = first.shape.dims
        dims[axis] = 0
        for index in operands.types.indices {
            let part = try operands.type(index)
            var others = part.shape.dims
            guard part.elementType == first.elementType, others.count == dims.count else {
                throw node.shapeMismatch("input \(index) \(part) does not concatenate with \(first)")
            }
            dims[axis] += others[axis]
            others[axis] = dims[axis]
            guard others == dims else {
                throw node.shapeMismatch("input \(index) \(part.shape) differs from \(first.shape) off axis \(axis)")
            }
        }
        return TensorType(first.elementType, Shape(dims))
    }

    package static func flattenType(_ operands: NodeOperands, axis: Int) throws -> TensorType {
        let x = try operands.type(0)
        let axis = try normalizedAxis(axis, rank: x.shape.rank, node: operands.node, inclusive: true)
        let outer = x.shape.dims[..<axis].reduce(1, *)
        return TensorType(x.elementType, [outer, x.shape.dims[axis...].reduce(1, *)])
    }

    package static func reshapeType(_ operands: NodeOperands, allowZero: Bool) throws -> TensorType {
        let x = try operands.type(0)
        let target = try operands.constant(1)
        guard target.shape.rank == 1, target.data.elementType == .int64 || target.data.elementType == .int32 else {
            throw operands.node.shapeMismatch("shape operand \(target.type) must be an integer vector")
        }
        let shape = try reshapeTarget(node: operands.node, input: x.shape, request: target.int64s.map(Int.init), allowZero: allowZero)
        return TensorType(x.elementType, shape)
    }

    /// The shape ONNX `Reshape` produces from `request`: `0` copies the input extent (unless
    /// `allowZero`), one `-1` takes the remaining elements.
    package static func reshapeTarget(node: Node, input: Shape, request: [Int], allowZero: Bool) throws -> Shape {
        var dims = request
        for (axis, extent) in request.enumerated() where extent == 0 && !allowZero {
            guard axis < input.rank else { throw node.shapeMismatch("shape \(request) copies axis \(axis) of \(input)") }
            dims[axis] = input[axis]
        }
        let inferred = dims.indices.filter { dims[$0] == -1 }
        guard inferred.count <= 1, dims.allSatisfy({ $0 >= -1 }), !(allowZero && request.contains(0) && !inferred.isEmpty) else {
            throw node.shapeMismatch("shape \(request) is not a valid Reshape target")
        }
        guard let known = Shape(dims.filter { $0 != -1 }).checkedElementCount else {
            throw node.shapeMismatch("shape \(request) is larger than \(Shape.maximumElementCount) elements")
        }
        if let axis = inferred.first {
            guard known > 0, input.elementCount % known == 0 else {
                throw node.shapeMismatch("cannot reshape \(input) to \(request)")
            }
            dims[axis] = input.elementCount / known
        }
        guard Shape(dims).checkedElementCount == input.elementCount else {
            throw node.shapeMismatch("cannot reshape \(input) (\(input.elementCount) elements) to \(request)")
        }
        return Shape(dims)
    }

    package static func transposeType(_ operands: NodeOperands, perm: [Int]?) throws -> TensorType {
        let x = try operands.type(0)
        let permutation = try transposePermutation(node: operands.node, rank: x.shape.rank, perm: perm)
        return TensorType(x.elementType, Shape(permutation.map { x.shape[$0] }))
    }

    /// The axis permutation of a Transpose: `perm`, or the reversed axes when `nil`.
    package static func transposePermutation(node: Node, rank: Int, perm: [Int]?) throws -> [Int] {
        guard let perm else { return Array((0..<rank).reversed()) }
        guard perm.sorted() == Array(0..<rank) else {
            throw node.shapeMismatch("perm \(perm) is not a permutation of \(rank) axes")
        }
        return perm
    }

    package static func squeezeType(_ operands: NodeOperands, axes: [Int]?) throws -> TensorType {
        let x = try operands.type(0)
        let node = operands.node
        let rank = x.shape.rank
        let removed = try Set((axes ?? x.shape.dims.indices.filter { x.shape[$0] == 1 }).map {
            try normalizedAxis($0, rank: rank, node: node)
        })
        for axis in removed.sorted() where x.shape[axis] != 1 {
            throw node.shapeMismatch("cannot squeeze axis \(axis) of \(x.shape)")
        }
        return TensorType(x.elementType, Shape(x.shape.dims.indices.filter { !removed.contains($0) }.map { x.shape[$0] }))
    }

    package static func unsqueezeType(_ operands: NodeOperands, axes: [Int]) throws -> TensorType {
        let x = try operands.type(0)
        let node = operands.node
        let rank = x.shape.rank + axes.count
        let inserted = try Set(axes.map { try normalizedAxis($0, rank: rank, node: node) })
        guard inserted.count == axes.count else { throw node.shapeMismatch("axes \(axes) repeat an axis") }
        var remaining = x.shape.dims.makeIterator()
        let dims = (0..<rank).map { inserted.contains($0) ? 1 : remaining.next() ?? 1 }
        return TensorType(x.elementType, Shape(dims))
    }

    package static func padType(_ operands: NodeOperands, mode: PadMode, pads: [Int]) throws -> TensorType {
        let x = try operands.type(0)
        let node = operands.node
        let rank = x.shape.rank
        guard pads.count == 2 * rank else { throw node.shapeMismatch("pads \(pads) do not fit \(x.shape)") }
        var dims = x.shape.dims
        for axis in 0..<rank {
            let (begin, end) = (pads[axis], pads[axis + rank])
            dims[axis] += begin + end
            guard dims[axis] >= 0 else { throw node.shapeMismatch("pads \(pads) crop more than \(x.shape)") }
            if mode != .constant && (begin > 0 || end > 0) && x.shape[axis] == 0 {
                throw node.shapeMismatch("\(mode.rawValue) pads \(pads) do not fit \(x.shape)")
            }
        }
        return TensorType(x.elementType, Shape(dims))
    }

    package static func constantOfShapeType(_ operands: NodeOperands, value: Tensor) throws -> TensorType {
        let extents = try operands.constant(0)
        guard extents.shape.rank == 1, extents.data.elementType == .int64, extents.int64s.allSatisfy({ $0 >= 0 }) else {
            throw operands.node.shapeMismatch("shape operand \(extents.type) must be a non-negative int64 vector")
        }
        guard value.shape.elementCount == 1 else {
            throw operands.node.shapeMismatch("value \(value.shape) must hold one element")
        }
        return TensorType(value.data.elementType, Shape(extents.int64s.map(Int.init)))
    }

    package static func gatherType(_ operands: NodeOperands, axis: Int) throws -> TensorType {
        let data = try operands.type(0)
        let indices = try operands.type(1)
        guard indices.elementType == .int64 || indices.elementType == .int32 else {
            throw operands.node.typeMismatch(expected: "i32 or i64 indices", found: indices.elementType)
        }
        let axis = try normalizedAxis(axis, rank: data.shape.rank, node: operands.node)
        let dims = Array(data.shape.dims[..<axis]) + indices.shape.dims + Array(data.shape.dims[(axis + 1)...])
        return TensorType(data.elementType, Shape(dims))
    }
}

/// Typing rules of the slicing and shuffling layout ops.
extension ShapeInference {
    package static func sliceType(_ operands: NodeOperands, _ attributes: SliceAttributes) throws -> TensorType {
        let x = try operands.type(0)
        let ranges = try attributes.ranges(for: x.shape, node: operands.node)
        return TensorType(x.elementType, Shape(ranges.map(\.count)))
    }

    package static func splitTypes(_ operands: NodeOperands, axis: Int, sizes: [Int]?) throws -> [TensorType] {
        let x = try operands.type(0)
        let axis = try normalizedAxis(axis, rank: x.shape.rank, node: operands.node)
        let parts = try splitSizes(node: operands.node, extent: x.shape[axis], sizes: sizes)
        return parts.map { size in
            var dims = x.shape.dims
            dims[axis] = size
            return TensorType(x.elementType, Shape(dims))
        }
    }

    /// The extent of each part of a Split of an axis of `extent`: `sizes` (which must add up to it),
    /// or as many parts as the node has outputs, each `ceil(extent / parts)` but the last.
    package static func splitSizes(node: Node, extent: Int, sizes: [Int]?) throws -> [Int] {
        if let sizes {
            guard sizes.count == node.outputs.count, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == extent else {
                throw node.shapeMismatch("split sizes \(sizes) do not cut an axis of \(extent) into \(node.outputs.count) parts")
            }
            return sizes
        }
        let parts = node.outputs.count
        let size = (extent + parts - 1) / max(parts, 1)
        guard parts > 0, size * (parts - 1) < extent || extent == 0 else {
            throw node.shapeMismatch("an axis of \(extent) cannot be split into \(parts) non-empty parts")
        }
        return (0..<parts).map { min(size, extent - $0 * size) }
    }

    package static func channelShuffleType(_ operands: NodeOperands, groups: Int) throws -> TensorType {
        let x = try operands.type(0)
        guard x.shape.rank >= 2, groups > 0, x.shape[1] % groups == 0 else {
            throw operands.node.shapeMismatch("channel shuffle in \(groups) groups does not fit \(x.shape)")
        }
        return x
    }
}
