/// Float max and average pooling over one or two spatial axes (1-D runs as 2-D of height 1), and
/// the global variants.
package struct PoolKernel {
    private let planes: Int
    private let height: WindowGeometry.Axis
    private let width: WindowGeometry.Axis
    private let attributes: PoolAttributes

    /// Plans the pooling of an input of shape `x`.
    package init(node: Node, x: Shape, attributes: PoolAttributes) throws {
        let geometry = try ShapeInference.poolGeometry(node: node, x: x, attributes: attributes)
        (height, width) = geometry.planar
        planes = x[0] * x[1]
        self.attributes = attributes
    }

    /// Max pooling: padded positions never win; dilated taps are honoured.
    package func max(_ input: [Float]) -> [Float] {
        run(input) { plane, rows, columns in
            var best = -Float.infinity
            for y in rows.taps { for x in columns.taps { best = Swift.max(best, plane[y * width.inputSize + x]) } }
            return best
        }
    }

    /// Average pooling. The divisor counts the taps inside the input, or with `countIncludePad`
    /// the taps inside the padded input; taps a `ceil_mode` window runs past the padding never count.
    package func average(_ input: [Float]) -> [Float] {
        run(input) { plane, rows, columns in
            var sum: Float = 0
            for y in rows.taps { for x in columns.taps { sum += plane[y * width.inputSize + x] } }
            let count = attributes.countIncludePad ? rows.paddedCount * columns.paddedCount
                                                   : rows.taps.count * columns.taps.count
            return count > 0 ? sum / Float(count) : 0
        }
    }

    /// Mean (or maximum) over all spatial positions of each `[N, C]` plane.
    package static func global(_ input: [Float], planes: Int, maximum: Bool) -> [Float] {
        let size = planes > 0 ? input.count / planes : 0
        return (0..<planes).map { plane in
            let values = input[(plane * size)..<((plane + 1) * size)]
            return maximum ? values.max() ?? -.infinity : values.reduce(0, +) / Float(size)
        }
    }

    /// The taps of one window along one axis.
    private struct WindowTaps {
        /// Input positions inside the input.
        var taps: [Int]
        /// Number of taps inside the padded input.
        var paddedCount: Int
    }

    private func windowTaps(_ axis: WindowGeometry.Axis, output: Int) -> WindowTaps {
        let positions = (0..<axis.kernel).map { axis.inputPosition(output: output, tap: $0) }
        return WindowTaps(taps: positions.filter { $0 >= 0 && $0 < axis.inputSize },
                          paddedCount: positions.filter { $0 >= -axis.padBegin && $0 < axis.inputSize + axis.padEnd }.count)
    }

    private func run(_ input: [Float],
                     reduce: (UnsafePointer<Float>, WindowTaps, WindowTaps) -> Float) -> [Float] {
        let rowTaps = (0..<height.outputSize).map { windowTaps(height, output: $0) }
        let columnTaps = (0..<width.outputSize).map { windowTaps(width, output: $0) }
        let inputPlane = height.inputSize * width.inputSize
        var output = [Float]()
        output.reserveCapacity(planes * height.outputSize * width.outputSize)
        input.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            for plane in 0..<planes {
                let source = base + plane * inputPlane
                for rows in rowTaps { for columns in columnTaps { output.append(reduce(source, rows, columns)) } }
            }
        }
        return output
    }
}
