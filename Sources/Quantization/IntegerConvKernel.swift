import IR

/// The integer convolution (and fully-connected layer, a 1×1 convolution) of `QuantizedConv`:
/// patches of the input (padding reads the input zero point) are lowered into a contiguous block and
/// each output is one dot product with a contiguous weight row. The unsafe pointers stay inside this
/// type.
package struct IntegerConvKernel: Sendable {
    private let conv: QuantizedConv
    /// `[M, K]` row-major, `K = C/group × kh × kw`.
    private let weights: [Int32]
    /// Entries per weight row.
    private let rowLength: Int
    /// Whether every dot product is exact in 32-bit arithmetic (its largest possible magnitude fits),
    /// so the fast wrapping Int32 loop gives the exact sum; otherwise the loop widens to Int64.
    private let fitsInt32: Bool
    private let saturates: Bool

    /// Lower this many patch elements at a time.
    private static let blockElements = 1 << 20

    package init(conv: QuantizedConv, mode: ArithmeticMode) {
        self.conv = conv
        let weights = conv.weight.int64s.map { Int32(truncatingIfNeeded: $0) }
        let rowLength = conv.outputChannels > 0 ? weights.count / conv.outputChannels : 0
        let largestInput = max(-Int64(mode.storageRange.lowerBound), Int64(mode.storageRange.upperBound))
        let largestRow = (0..<conv.outputChannels).map { channel in
            weights[(channel * rowLength)..<((channel + 1) * rowLength)].reduce(Int64(0)) { $0 + Int64($1.magnitude) }
        }.max() ?? 0
        self.weights = weights
        self.rowLength = rowLength
        fitsInt32 = largestRow * largestInput <= Int64(Int32.max)
        saturates = mode.saturatesAccumulator
    }

    /// Runs on a stored input of `count / (C × H × W)` images and returns `[N, M, OH, OW]` (or
    /// `[N, M]`) row-major.
    package func run(_ input: [Int32], channels: Int) -> [Int32] {
        let window = conv.window
        let inputPlane = window.inputSize[0] * window.inputSize[1]
        let outputPlane = window.outputSize[0] * window.outputSize[1]
        let batch = channels * inputPlane > 0 ? input.count / (channels * inputPlane) : 0
        let groupChannels = channels / conv.group
        let groupOutputs = conv.outputChannels / conv.group
        let pixelsPerBlock = max(1, min(outputPlane, Self.blockElements / max(rowLength, 1)))
        var output = [Int32](repeating: 0, count: batch * conv.outputChannels * outputPlane)
        var patches = [Int32](repeating: 0, count: pixelsPerBlock * rowLength)
        for image in 0..<batch {
            for group in 0..<conv.group {
                let inputBase = (image * channels + group * groupChannels) * inputPlane
                for firstPixel in stride(from: 0, to: outputPlane, by: pixelsPerBlock) {
                    let pixels = min(pixelsPerBlock, outputPlane - firstPixel)
                    lower(input, base: inputBase, channels: groupChannels, pixels: firstPixel..<(firstPixel + pixels), into: &patches)
                    for local in 0..<groupOutputs {
                        let channel = group * groupOutputs + local
                        let outputBase = (image * conv.outputChannels + channel) * outputPlane + firstPixel
                        multiply(patches, pixels: pixels, channel: channel, into: &output, at: outputBase)
                    }
                }
            }
        }
        return output
    }

    /// Writes the patch of every output pixel in `pixels` as one contiguous row of `rowLength`
    /// values ordered (channel, ky, kx), reading the input zero point outside the input.
    private func lower(_ input: [Int32], base: Int, channels: Int, pixels: Range<Int>, into patches: inout [Int32]) {
        let window = conv.window
        let (height, width) = (window.inputSize[0], window.inputSize[1])
        let (kernelHeight, kernelWidth) = (window.kernel[0], window.kernel[1])
        var index = 0
        for pixel in pixels {
            let (outputY, outputX) = pixel.quotientAndRemainder(dividingBy: window.outputSize[1])
            for channel in 0..<channels {
                let planeBase = base + channel * height * width
                for tapY in 0..<kernelHeight {
                    let y = window.inputPosition(axis: 0, output: outputY, tap: tapY)
                    for tapX in 0..<kernelWidth {
                        let x = window.inputPosition(axis: 1, output: outputX, tap: tapX)
                        let inside = y >= 0 && y < height && x >= 0 && x < width
                        patches[index] = inside ? input[planeBase + y * width + x] : conv.inputZeroPoint
                        index += 1
                    }
                }
            }
        }
    }

    /// Output channel `channel` for `pixels` lowered patches: bias plus dot product, the accumulator
    /// saturated to int32 (8-bit modes), requantized, offset by the zero point and clamped.
    private func multiply(_ patches: [Int32], pixels: Int, channel: Int, into output: inout [Int32], at outputBase: Int) {
        let bias = Int64(conv.bias[channel])
        let count = rowLength
        patches.withUnsafeBufferPointer { patches in
            weights.withUnsafeBufferPointer { weights in
                output.withUnsafeMutableBufferPointer { output in
                    guard let patchBase = patches.baseAddress, let weightBase = weights.baseAddress else { return }
                    let row = weightBase + channel * count
                    for pixel in 0..<pixels {
                        let patch = patchBase + pixel * count
                        let sum = fitsInt32 ? Int64(Self.dot32(row, patch, count)) : Self.dot64(row, patch, count)
                        var accumulator = bias + sum
                        if saturates { accumulator = FixedPointArithmetic.saturateInt32(accumulator) }
                        let scaled = conv.requantization.apply(accumulator, channel: channel)
                        output[outputBase + pixel] = FixedPointArithmetic.clamp(Int64(conv.outputZeroPoint) + scaled,
                                                                                to: conv.outputClamp)
                    }
                }
            }
        }
    }

    /// `Σ a[k] × b[k]` in wrapping 32-bit arithmetic (exact when the caller knows it fits).
    @inline(__always)
    private static func dot32(_ a: UnsafePointer<Int32>, _ b: UnsafePointer<Int32>, _ count: Int) -> Int32 {
        var sum: Int32 = 0
        for k in 0..<count { sum &+= a[k] &* b[k] }
        return sum
    }

    /// `Σ a[k] × b[k]` in 64-bit arithmetic.
    @inline(__always)
    private static func dot64(_ a: UnsafePointer<Int32>, _ b: UnsafePointer<Int32>, _ count: Int) -> Int64 {
        var sum: Int64 = 0
        for k in 0..<count { sum &+= Int64(a[k]) * Int64(b[k]) }
        return sum
    }
}
