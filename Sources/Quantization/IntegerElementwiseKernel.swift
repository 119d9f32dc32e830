import IR

/// Elementwise integer ops of the quantized graph.
package enum IntegerElementwiseKernel {
    /// `clamp(zp_out + roundingShift(Σ_i (q_i − zp_i) × m_i, shift))` over same-sized inputs, in Int64.
    package static func add(_ inputs: [[Int32]], rescales: [QuantizedRescale], shift: Int, outputZeroPoint: Int32,
                    clamp: ClosedRange<Int32>) -> [Int32] {
        let count = inputs.first?.count ?? 0
        return (0..<count).map { index in
            var sum: Int64 = 0
            for (values, rescale) in zip(inputs, rescales) {
                sum += (Int64(values[index]) - Int64(rescale.zeroPoint)) * rescale.multiplier
            }
            return FixedPointArithmetic.clamp(Int64(outputZeroPoint) + FixedPointArithmetic.roundingShift(sum, by: shift),
                                              to: clamp)
        }
    }

    /// `clamp(zp_out + roundingShift((a − zp_a) × (b − zp_b) × multiplier, shift))` in Int64, where
    /// each element of `b` multiplies `planeSize` consecutive elements of `a` (1 when the shapes are
    /// equal, `H × W` for `[N, C, 1, 1]` against `[N, C, H, W]`).
    package static func multiply(_ a: [Int32], _ b: [Int32], planeSize: Int, zeroPoints: (a: Int32, b: Int32), multiplier: Int64,
                                 shift: Int, outputZeroPoint: Int32, clamp: ClosedRange<Int32>) -> [Int32] {
        a.indices.map { index in
            let product = (Int64(a[index]) - Int64(zeroPoints.a)) * (Int64(b[index / planeSize]) - Int64(zeroPoints.b))
            return FixedPointArithmetic.clamp(
                Int64(outputZeroPoint) + FixedPointArithmetic.roundingShift(product * multiplier, by: shift), to: clamp)
        }
    }

    /// `table[q + 128]` for int8 stored values.
    package static func lookup(_ input: [Int32], table: [Int8]) -> [Int32] {
        input.map { Int32(table[Int($0) + 128]) }
    }

    /// `PiecewiseLinearSigmoid.evaluate` on every Q10 value.
    package static func sigmoid(_ input: [Int32], knots: [Int32]) -> [Int32] {
        input.map { PiecewiseLinearSigmoid.evaluate($0, knots: knots) }
    }

    /// `min(max(q, lower), upper)`.
    package static func clamp(_ input: [Int32], to range: ClosedRange<Int32>) -> [Int32] {
        input.map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }
    }
}
