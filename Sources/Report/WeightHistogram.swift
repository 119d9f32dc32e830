import IR

/// How many stored weights of a layer fall in each of `binCount` equal bins. Int8 weights use 64
/// bins of four values over `-128...127`; wider stored weights (`de1soc-q10`) 64 bins over the
/// layer's own range.
public struct WeightHistogram: Hashable, Sendable {
    public static let binCount = 64

    /// The smallest value of the first bin.
    public var lowerBound: Int64
    /// How many consecutive values each bin holds.
    public var binWidth: Int64
    /// The count of each bin, from the lowest values up.
    public var counts: [Int]

    public init(lowerBound: Int64, binWidth: Int64, counts: [Int]) {
        self.lowerBound = lowerBound
        self.binWidth = binWidth
        self.counts = counts
    }

    /// The histogram of `weights`' stored values.
    public init(weights: Tensor) {
        var counts = Array(repeating: 0, count: Self.binCount)
        if case .int8(let values) = weights.data {
            for value in values { counts[(Int(value) + 128) >> 2] += 1 }
            self.init(lowerBound: -128, binWidth: 4, counts: counts)
            return
        }
        let values = weights.int64s
        let lower = values.min() ?? 0, upper = values.max() ?? 0
        let width = (upper - lower) / Int64(Self.binCount) + 1
        for value in values { counts[Int((value - lower) / width)] += 1 }
        self.init(lowerBound: lower, binWidth: width, counts: counts)
    }

    /// The values of bin `index`.
    public func range(ofBin index: Int) -> ClosedRange<Int64> {
        let low = lowerBound + Int64(index) * binWidth
        return low...(low + binWidth - 1)
    }

    /// How many weights were counted.
    public var total: Int { counts.reduce(0, +) }
}
