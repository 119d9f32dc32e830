import IR

/// The smallest and largest finite element of a tensor: calibration looks at every activation of
/// every image (15 million per VGG16 224×224 image). Each float is compared through an integer key
/// that orders as the floats do, so the loop is an integer minimum and maximum the compiler
/// vectorizes (a floating-point one it may not reorder).
extension TensorStatistics {
    /// The smallest and the largest finite value of `values` (`+∞` and `−∞` when there is none).
    /// Which of two equal zeros is returned is not specified.
    /// The blocks of `values` run on every processor; their keys combine exactly.
    static func finiteExtremes(_ values: [Float]) -> (smallest: Float, largest: Float) {
        let blocks = ParallelMap.map(blocksOf: values.count) { extremeKeys(values, in: $0) }
        let smallest = blocks.map(\.smallest).min() ?? .max, largest = blocks.map(\.largest).max() ?? .min
        return (smallest == .max ? .infinity : value(ofKey: smallest), largest == .min ? -.infinity : value(ofKey: largest))
    }

    /// The keys of the smallest and the largest finite value of `values[range]` (`Int32.max` and
    /// `Int32.min` when there is none).
    private static func extremeKeys(_ values: [Float], in range: Range<Int>) -> (smallest: Int32, largest: Int32) {
        values.withUnsafeBufferPointer { buffer in
            var smallest = Int32.max, largest = Int32.min
            for value in buffer[range] {
                let key = orderKey(value)
                let finite = value.bitPattern & exponentBits != exponentBits
                smallest = Swift.min(smallest, finite ? key : .max)
                largest = Swift.max(largest, finite ? key : .min)
            }
            return (smallest, largest)
        }
    }

    private static let exponentBits: UInt32 = 0x7f80_0000

    /// A key whose signed order is the order of the floats (NaN aside; −0 below +0): a negative
    /// float's magnitude bits are flipped. The mapping is its own inverse.
    @inline(__always)
    private static func orderKey(_ value: Float) -> Int32 {
        let bits = Int32(bitPattern: value.bitPattern)
        return bits ^ ((bits >> 31) & 0x7fff_ffff)
    }

    private static func value(ofKey key: Int32) -> Float {
        Float(bitPattern: UInt32(bitPattern: orderKey(Float(bitPattern: UInt32(bitPattern: key)))))
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
