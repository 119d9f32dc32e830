import IR

/// Integer max and average pooling of `QuantizedPool`, and the global variants, over `[N, C, H, W]`
/// planes of stored values.
package enum IntegerPoolKernel {
    /// Max pooling: the largest stored value among the taps inside the input (padding never wins;
    /// a window with no tap inside gives the clamp's lower bound).
    package static func max(_ input: [Int32], pool: QuantizedPool) -> [Int32] {
        run(input, pool.window) { values, _ in
            FixedPointArithmetic.clamp(Int64(values.max() ?? pool.outputClamp.lowerBound), to: pool.outputClamp)
        }
    }

    /// Average pooling: `clamp(zp_out + reciprocals[n − 1].apply(Σ (q − zp_in)))` where `n` counts the
    /// taps inside the input, or with `countIncludePad` inside the padded input; `n = 0` gives `zp_out`.
    package static func average(_ input: [Int32], pool: QuantizedPool) -> [Int32] {
        run(input, pool.window) { values, paddedCount in
            let count = pool.countIncludePad ? paddedCount : values.count
            guard count > 0 else { return FixedPointArithmetic.clamp(Int64(pool.outputZeroPoint), to: pool.outputClamp) }
            let sum = values.reduce(Int64(0)) { $0 + Int64($1) - Int64(pool.inputZeroPoint) }
            let scaled = pool.reciprocals[count - 1].apply(Int32(FixedPointArithmetic.saturateInt32(sum)))
            return FixedPointArithmetic.clamp(Int64(pool.outputZeroPoint) + scaled, to: pool.outputClamp)
        }
    }

    /// Global average pooling of each of `planes` planes: the plane sum of `q − inputZeroPoint`,
    /// saturated to int32, through `reciprocal`.
    package static func globalAverage(_ input: [Int32], planes: Int, inputZeroPoint: Int32, outputZeroPoint: Int32,
                              reciprocal: FixedPointMultiplier, clamp: ClosedRange<Int32>) -> [Int32] {
        planeSlices(input, planes: planes).map { plane in
            let sum = plane.reduce(Int64(0)) { $0 + Int64($1) - Int64(inputZeroPoint) }
            let scaled = reciprocal.apply(Int32(FixedPointArithmetic.saturateInt32(sum)))
            return FixedPointArithmetic.clamp(Int64(outputZeroPoint) + scaled, to: clamp)
        }
    }

    /// The largest stored value of each plane.
    package static func globalMax(_ input: [Int32], planes: Int) -> [Int32] {
        planeSlices(input, planes: planes).map { $0.max() ?? 0 }
    }

    private static func planeSlices(_ input: [Int32], planes: Int) -> [ArraySlice<Int32>] {
        let size = planes > 0 ? input.count / planes : 0
        return (0..<planes).map { input[($0 * size)..<(($0 + 1) * size)] }
    }

    /// Calls `reduce` with the stored values of the taps inside the input and the number of taps
    /// inside the padded input, for every window of every plane.
    private static func run(_ input: [Int32], _ window: QuantizedWindow,
                            reduce: ([Int32], Int) -> Int32) -> [Int32] {
        let (height, width) = (window.inputSize[0], window.inputSize[1])
        let planes = height * width > 0 ? input.count / (height * width) : 0
        let rows = (0..<window.outputSize[0]).map { taps(window, axis: 0, output: $0) }
        let columns = (0..<window.outputSize[1]).map { taps(window, axis: 1, output: $0) }
        var output: [Int32] = []
        output.reserveCapacity(planes * rows.count * columns.count)
        var values: [Int32] = []
        for plane in 0..<planes {
            let base = plane * height * width
            for row in rows {
                for column in columns {
                    values.removeAll(keepingCapacity: true)
                    for y in row.inside { for x in column.inside { values.append(input[base + y * width + x]) } }
                    output.append(reduce(values, row.padded * column.padded))
                }
            }
        }
        return output
    }

    /// The input positions of one window along `axis` inside the input, and the number inside the
    /// padded input.
    private static func taps(_ window: QuantizedWindow, axis: Int, output: Int) -> (inside: [Int], padded: Int) {
        let positions = (0..<window.kernel[axis]).map { window.inputPosition(axis: axis, output: output, tap: $0) }
        let size = window.inputSize[axis]
        let paddedEnd = size + window.pads[axis + 2]
        return (positions.filter { $0 >= 0 && $0 < size },
                positions.filter { $0 >= -window.pads[axis] && $0 < paddedEnd }.count)
    }
}
