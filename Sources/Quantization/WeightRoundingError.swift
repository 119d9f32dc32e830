import IR

/// The expected error a convolution's or fully-connected layer's stored weights make on an input of
/// known channel means, per output channel (bias correction, docs/NUMERICS.md):
/// `Σ_k (q[m, k] s_w[m] − w[m, k]) μ[c(k)] f(k)`, summed in the order of `k`. The weight `[M, C/g,
/// taps…]` is read as `M` rows of `perChannel` values, `taps` consecutive values per input channel.
struct WeightRoundingError: Sendable {
    /// The float weights, row after row.
    let floats: [Float]
    /// Output channels (rows) and values per row.
    let channels: Int
    let perChannel: Int
    /// Values per input channel in a row (the kernel's taps; 1 for a fully-connected layer).
    let taps: Int
    /// Input channels a row reads.
    let groupInputs: Int
    /// Output channels per group: output channel `m` reads the input channels of group `m / channelsPerGroup`.
    let channelsPerGroup: Int

    /// Each output channel's error for the stored `levels` (one per weight) at `scales` (one per
    /// channel, or one for the tensor), with `means` the input's channel means and `coverage` the
    /// fraction of output positions at which each tap reads the input. The channels run on every
    /// processor; each channel's sum runs in weight order, as a single loop would.
    func perChannel<Level: BinaryInteger & Sendable>(_ levels: [Level], scales: [Float], means: [Float], coverage: [Double])
        -> [Double] {
        ParallelMap.map(count: channels) { channel in
            levels.withUnsafeBufferPointer { levels in
                floats.withUnsafeBufferPointer { floats in
                    let scale = Double(scales[scales.count == 1 ? 0 : channel])
                    var input = channel / channelsPerGroup * groupInputs, tap = 0
                    var error = 0.0
                    for offset in (channel * perChannel)..<((channel + 1) * perChannel) {
                        error += (Double(levels[offset]) * scale - Double(floats[offset])) * Double(means[input]) * coverage[tap]
                        tap += 1
                        if tap == taps { (input, tap) = (input + 1, 0) }
                    }
                    return error
                }
            }
        }
    }
}
