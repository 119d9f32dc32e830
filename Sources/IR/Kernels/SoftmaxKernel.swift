import Foundation

/// Softmax along one axis, subtracting the maximum for stability.
package enum SoftmaxKernel {
    /// Softmax of `x` along `axis` (non-negative). With `coerce2D` (opsets before 13) the input is
    /// viewed as `[prod(dims[..<axis]), prod(dims[axis...])]` and normalised along the second axis.
    package static func softmax(_ x: [Float], shape: Shape, axis: Int, coerce2D: Bool) -> [Float] {
        let outer = shape.dims[..<axis].reduce(1, *)
        let length = coerce2D ? shape.dims[axis...].reduce(1, *) : shape[axis]
        let inner = coerce2D ? 1 : shape.dims[(axis + 1)...].reduce(1, *)
        var y = x
        for block in 0..<outer {
            for offset in 0..<inner {
                let indices = (0..<length).map { (block * length + $0) * inner + offset }
                let peak = indices.map { x[$0] }.max() ?? 0
                let exponentials = indices.map { exp(x[$0] - peak) }
                let total = exponentials.reduce(0, +)
                for (index, value) in zip(indices, exponentials) { y[index] = value / total }
            }
        }
        return y
    }
}
