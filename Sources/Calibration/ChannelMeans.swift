import IR

/// The running mean of each channel (axis 1) of one tensor over every sample and position, for
/// the quantizer's bias correction.
struct ChannelMeans: Hashable, Sendable {
    private var sums: [Double] = []
    private var counts: [Int] = []

    /// Adds the finite elements of `tensor` (`[N, C, …]`) to their channels' sums. Each plane is
    /// summed in element order, the planes in blocks on every processor, and the planes' sums are
    /// added to their channels' in plane order: the sums of one loop over the elements.
    mutating func add(_ values: [Float], shape: Shape) {
        guard shape.rank >= 2 else { return }
        let channels = shape[1]
        let inner = shape.dims[2...].reduce(1, *)
        if sums.isEmpty {
            sums = [Double](repeating: 0, count: channels)
            counts = [Int](repeating: 0, count: channels)
        }
        guard sums.count == channels, inner > 0 else { return }
        let blocks = ParallelMap.map(blocksOf: values.count / inner) { planes in
            planes.map { plane in Self.finiteSum(values, in: (plane * inner)..<((plane + 1) * inner)) }
        }
        for (plane, (sum, count)) in blocks.joined().enumerated() {
            sums[plane % channels] += sum
            counts[plane % channels] += count
        }
    }

    /// The sum of the finite elements of `values[range]`, in order, and their number.
    private static func finiteSum(_ values: [Float], in range: Range<Int>) -> (sum: Double, count: Int) {
        values.withUnsafeBufferPointer { buffer in
            var sum: Double = 0, count = 0
            for value in buffer[range] where value.isFinite {
                sum += Double(value)
                count += 1
            }
            return (sum, count)
        }
    }

    /// The mean of each channel (0 for a channel without a finite element).
    var means: [Float] {
        zip(sums, counts).map { sum, count in count > 0 ? Float(sum / Double(count)) : 0 }
    }
}
