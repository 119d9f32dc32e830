/// Numpy-style (multidirectional) broadcasting of shapes, as ONNX's elementwise ops and MatMul's
/// batch axes use it: shapes align at their last axis and an extent of 1 stretches to the other.
package enum Broadcasting {
    /// The broadcast result of two shapes, or `nil` if some aligned pair of extents differs and
    /// neither is 1.
    package static func shape(_ a: Shape, _ b: Shape) -> Shape? {
        let rank = max(a.rank, b.rank)
        var dims = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let x = extent(a, alignedAxis: axis, rank: rank)
            let y = extent(b, alignedAxis: axis, rank: rank)
            if x == y || y == 1 {
                dims[axis] = x
            } else if x == 1 {
                dims[axis] = y
            } else {
                return nil
            }
        }
        return Shape(dims)
    }

    /// Whether `source` broadcasts to exactly `target` (ONNX unidirectional broadcasting).
    package static func broadcasts(_ source: Shape, to target: Shape) -> Bool {
        source.rank <= target.rank && shape(source, target) == target
    }

    /// Element strides of `source` when read as a tensor of shape `target`: stride 0 on the axes
    /// that broadcast (and on the leading axes `source` lacks).
    package static func strides(of source: Shape, broadcastTo target: Shape) -> [Int] {
        let sourceStrides = source.strides
        let offset = target.rank - source.rank
        return (0..<target.rank).map { axis in
            let sourceAxis = axis - offset
            guard sourceAxis >= 0, source[sourceAxis] != 1 else { return 0 }
            return sourceStrides[sourceAxis]
        }
    }

    /// The extent of `shape` at `axis` of a rank-`rank` result, 1 where `shape` has no such axis.
    private static func extent(_ shape: Shape, alignedAxis axis: Int, rank: Int) -> Int {
        let sourceAxis = axis - (rank - shape.rank)
        return sourceAxis >= 0 ? shape[sourceAxis] : 1
    }
}
