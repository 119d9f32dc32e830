import Foundation

/// Local response normalisation across channels (ONNX LRN):
/// `y = x / (bias + alpha / size * sum(x[c']^2))^beta`, with the window of channel `c` running from
/// `c - floor((size-1)/2)` to `c + ceil((size-1)/2)`, clipped to the channels that exist.
package enum LRNKernel {
    package static func normalize(_ x: [Float], shape: Shape, _ attributes: LRNAttributes) -> [Float] {
        let sums = windowSumsOfSquares(x, shape: shape, size: attributes.size)
        let scale = attributes.alpha / Float(attributes.size)
        return zip(x, sums).map { value, squares in value / pow(attributes.bias + scale * squares, attributes.beta) }
    }

    /// `sum(x[c']^2 for c' in window(c))` at every element of `x` (`[N, C, …]`).
    package static func windowSumsOfSquares(_ x: [Float], shape: Shape, size: Int) -> [Float] {
        let channels = shape[1]
        let inner = shape.dims[2...].reduce(1, *)
        var sums = [Float](repeating: 0, count: x.count)
        for image in 0..<shape[0] {
            let base = image * channels * inner
            for channel in 0..<channels {
                for position in 0..<inner {
                    sums[base + channel * inner + position] = window(of: channel, channels: channels, size: size).reduce(Float(0)) { sum, other in
                        let value = x[base + other * inner + position]
                        return sum + value * value
                    }
                }
            }
        }
        return sums
    }

    /// The channels whose squares channel `channel`'s window sums: from `channel - floor((size-1)/2)`
    /// to `channel + ceil((size-1)/2)`, clipped to `0..<channels`.
    package static func window(of channel: Int, channels: Int, size: Int) -> ClosedRange<Int> {
        max(0, channel - (size - 1) / 2)...min(channels - 1, channel + size / 2)
    }
}
