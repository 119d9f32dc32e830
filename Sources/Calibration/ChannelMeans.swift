import IR

/// The running mean of each channel (axis 1) of one tensor over every sample and position, for
/// the quantizer's bias correction.
struct ChannelMeans: Hashable, Sendable {
    private var sums: [Double] = []
    private var counts: [Int] = []

    /// Adds the finite elements of `tensor` (`[N, C, …]`) to their channels' sums.
    mutating func add(_ values: [Float], shape: Shape) {
        guard shape.rank >= 2 else { return }
        let channels = shape[1]
        let inner = shape.dims[2...].reduce(1, *)
        if sums.isEmpty {
            sums = [Double](repeating: 0, count: channels)
            counts = [Int](repeating: 0, count: channels)
        }
        guard sums.count == channels, inner > 0 else { return }
        for (index, value) in values.enumerated() where value.isFinite {
            let channel = index / inner % channels
            sums[channel] += Double(value)
            counts[channel] += 1
        }
    }

    /// The mean of each channel (0 for a channel without a finite element).
    var means: [Float] {
        zip(sums, counts).map { sum, count in count > 0 ? Float(sum / Double(count)) : 0 }
    }
}
