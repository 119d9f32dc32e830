import Foundation
import IR

/// The four integer stages a quantized LRN runs as (docs/NUMERICS.md, "LRN"), and the names of the
/// stored values between them. Every stage is an op the integer reference and the accelerator
/// already run: the squares and the power are 256-entry tables, the channel-window sum a 1×1
/// convolution with a banded matrix of ones, the normalisation a product.
package enum LRNStages {
    /// The stored squares `x²` of the LRN writing `output`.
    package static func squares(of output: String) -> String { "\(output):square" }

    /// The stored channel-window sums of squares `S` of the LRN writing `output`. The calibrator
    /// records this value's range under the same name, from the float window sums.
    package static func windowSums(of output: String) -> String { "\(output):window" }

    /// The stored normalisation factors `(bias + alpha/size · S)^−beta` of the LRN writing `output`.
    package static func factors(of output: String) -> String { "\(output):power" }

    /// `output`'s input and factors viewed as `[1, N, 1, 1]`, one channel per element, and their product.
    package static func flatInput(of output: String) -> String { "\(output):x" }
    package static func flatFactors(of output: String) -> String { "\(output):gate" }
    package static func flatProduct(of output: String) -> String { "\(output):product" }

    /// `(bias + alpha/size · S)^−beta` for a window sum `S` (a negative `S`, which no stored
    /// sum reaches, counts as 0).
    package static func factor(_ sum: Double, _ attributes: LRNAttributes) -> Double {
        pow(Double(attributes.bias) + Double(attributes.alpha) / Double(attributes.size) * max(sum, 0), -Double(attributes.beta))
    }

    /// The banded `[C, C, 1, 1]` matrix of the window sum: 1 where input channel `c'` lies in output
    /// channel `c`'s window.
    package static func windowWeights(channels: Int, size: Int) -> Tensor {
        var ones = [Int8](repeating: 0, count: channels * channels)
        for channel in 0..<channels {
            for other in LRNKernel.window(of: channel, channels: channels, size: size) { ones[channel * channels + other] = 1 }
        }
        return Tensor(shape: Shape([channels, channels, 1, 1]), data: .int8(ones))
    }
}
