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
