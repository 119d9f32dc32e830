import Foundation

/// Local response normalisation across channels (ONNX LRN):
/// `y = x / (bias + alpha / size * sum(x[c']^2))^beta`, with the window of channel `c` running from
/// `c - floor((size-1)/2)` to `c + ceil((size-1)/2)`, clipped to the channels that exist.
package enum LRNKernel {
    package static func normalize(_ x: [Float], shape: Shape, _ attributes: LRNAttributes) -> [Float] {
        let channels = shape[1]
        let inner = shape.dims[2...].reduce(1, *)
        let before = (attributes.size - 1) / 2
        let after = attributes.size / 2
        let scale = attributes.alpha / Float(attributes.size)
        var y = x
        for image in 0..<shape[0] {
            let base = image * channels * inner
            for channel in 0..<channels {
                let window = max(0, channel - before)...min(channels - 1, channel + after)
                for position in 0..<inner {
                    let squares = window.reduce(Float(0)) { sum, other in
                        let value = x[base + other * inner + position]
                        return sum + value * value
                    }
                    let index = base + channel * inner + position
                    y[index] = x[index] / pow(attributes.bias + scale * squares, attributes.beta)
                }
            }
        }
        return y
    }
}
