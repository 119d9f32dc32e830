/// The smallest and largest finite element of a tensor, sixteen lanes at a time: calibration looks
/// at every activation of every image (15 million per VGG16 224×224 image).
extension TensorStatistics {
    typealias Lanes = SIMD16<Float>

    /// The smallest and the largest finite value of `values` (`+∞` and `−∞` when there is none).
    /// Which of two equal zeros is returned is not specified.
    static func finiteExtremes(_ values: [Float]) -> (smallest: Float, largest: Float) {
        values.withUnsafeBufferPointer { buffer in
            var smallest = Lanes(repeating: .infinity), largest = Lanes(repeating: -.infinity)
            let whole = buffer.count - buffer.count % Lanes.scalarCount
            var start = 0
            while start < whole, let base = buffer.baseAddress {
                let lanes = UnsafeRawPointer(base + start).loadUnaligned(as: Lanes.self)
                // x − x is 0 exactly when x is finite (an infinity or NaN gives NaN).
                let finite = lanes - lanes .== Lanes(repeating: 0)
                smallest = pointwiseMin(smallest, lanes.replacing(with: .infinity, where: .!finite))
                largest = pointwiseMax(largest, lanes.replacing(with: -.infinity, where: .!finite))
                start += Lanes.scalarCount
            }
            var (low, high) = (smallest.min(), largest.max())
            for value in buffer[whole...] where value.isFinite {
                low = Swift.min(low, value)
                high = Swift.max(high, value)
            }
            return (low, high)
        }
    }

    /// The first zero of `values`, with its sign (there must be one).
    static func firstZero(_ values: [Float]) -> Float {
        values.first { $0 == 0 } ?? 0
    }

    /// The last zero of `values`, with its sign (there must be one).
    static func lastZero(_ values: [Float]) -> Float {
        values.last { $0 == 0 } ?? 0
    }
}
