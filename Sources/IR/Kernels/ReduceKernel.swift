/// Reductions over a set of axes, in fp32 with a double-precision running sum.
package enum ReduceKernel {
    /// The mean of `values` (laid out as `shape`) over `axes`, in the row-major order of the kept
    /// axes. An empty reduction yields NaN, as 0 / 0.
    package static func mean(_ values: [Float], shape: Shape, axes: Set<Int>) -> [Float] {
        let keptDims = shape.dims.indices.map { axes.contains($0) ? 1 : shape[$0] }
        let keptStrides = Shape(keptDims).strides
        let count = shape.dims.indices.filter(axes.contains).map { shape[$0] }.reduce(1, *)
        var sums = [Double](repeating: 0, count: Shape(keptDims).elementCount)
        var coordinate = [Int](repeating: 0, count: shape.rank)
        for value in values {
            var target = 0
            for axis in coordinate.indices where !axes.contains(axis) { target += coordinate[axis] * keptStrides[axis] }
            sums[target] += Double(value)
            var axis = shape.rank - 1
            while axis >= 0 {
                coordinate[axis] += 1
                if coordinate[axis] < shape[axis] { break }
                coordinate[axis] = 0
                axis -= 1
            }
        }
        return sums.map { Float($0 / Double(count)) }
    }
}
