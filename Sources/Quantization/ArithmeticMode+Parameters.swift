import Foundation
import IR

/// The scales, zero points and quantized weights each arithmetic mode derives from float ranges
/// and tensors.
extension ArithmeticMode {
    /// The scale and zero point of an activation whose real values span `range` (widened to
    /// contain 0, so that real 0 — ReLU's floor, padding — is exactly representable):
    /// - `default`, `pow2-weights`: asymmetric, `scale = (hi − lo) / 255`,
    ///   `zeroPoint = round(−128 − lo / scale)`;
    /// - `vgg16-cu`: symmetric, `scale = max(|lo|, |hi|) / 127`, zero point 0;
    /// - `dynamic-fixed-point`: the smallest power of two `≥ max(|lo|, |hi|) / 128`, zero point 0
    ///   (fraction length `7 − ceil(log2 max)`, as Ristretto chooses it: a maximum that is itself a
    ///   power of two, such as sigmoid's 1, saturates one step below it instead of losing a bit);
    /// - `de1soc-q10`: `2^−10`, zero point 0.
    /// An all-zero range gets scale 1.
    public func activationParams(for range: ClosedRange<Float>) -> QuantParams {
        let low = Double(min(range.lowerBound, 0)), high = Double(max(range.upperBound, 0))
        let magnitude = max(-low, high)
        switch self {
        case .de1socQ10:
            return QuantParams(scale: Float(pow(2, -Double(Self.q10FractionBits))), zeroPoint: 0)
        case .vgg16CU:
            return QuantParams(scale: magnitude > 0 ? Float(magnitude / 127) : 1, zeroPoint: 0)
        case .dynamicFixedPoint:
            return QuantParams(scale: Self.powerOfTwoScale(covering: magnitude, levels: 128), zeroPoint: 0)
        case .standard, .pow2Weights:
            guard high > low else { return QuantParams(scale: 1, zeroPoint: 0) }
            let scale = (high - low) / 255
            let zeroPoint = (-128 - low / scale).rounded(.toNearestOrAwayFromZero)
            return QuantParams(scale: Float(scale), zeroPoint: Int32(min(max(zeroPoint, -128), 127)))
        }
    }

    /// The smallest power of two `s` with `magnitude / s ≤ levels` (1 for a zero magnitude).
    package static func powerOfTwoScale(covering magnitude: Double, levels: Double) -> Float {
        guard magnitude > 0 else { return 1 }
        return Float(pow(2, (log2(magnitude / levels)).rounded(.up)))
    }

    /// The stored weights of `weight` (axis 0 = output channels), the real scale of each output
    /// channel (one scale when `granularity` is per tensor) and each channel's sum of stored values:
    /// - `default`, `vgg16-cu`: symmetric, `scale = max|w| / 127`, `q = clamp(round(w / scale), −127, 127)`
    ///   rounding half away from zero;
    /// - `dynamic-fixed-point`: as above with the smallest power-of-two scale `≥ max|w| / 128`;
    /// - `pow2-weights`: `scale = max|w| / 64`; `q = 0` when `|w| / scale < 1/2`, else
    ///   `±2^k` with `k = clamp(round(log2(|w| / scale)), 0, 6)`;
    /// - `de1soc-q10`: `q = clamp(round(w × 2^10), −2^19, 2^19 − 1)`.
    /// A channel of zeros gets scale 1. A positive `minimumScales[c]` raises channel `c`'s scale to
    /// at least that (to the next power of two in `dynamic-fixed-point`; `de1soc-q10`'s scale is
    /// fixed), so that its bias fits the accumulator. The values come back in the mode's storage type.
    package func quantizeWeights(_ weight: Tensor, granularity: QuantizationOptions.WeightGranularity,
                                 minimumScales: [Double] = []) -> (data: TensorData, scales: [Float], sums: [Int64]) {
        let count = weight.shape.elementCount
        let (exactScales, groupSize) = exactWeightScales(weight, granularity: granularity, minimumScales: minimumScales)
        let scales = exactScales.map { Float($0) }
        // Written straight into the storage type: a wide intermediate would cost 4 bytes per weight
        // (about 400 MB for VGG16's fc6).
        var sums: [Int64] = []
        if storageType == .int32 {
            let levels = [Int32](unsafeUninitializedCapacity: count) { output, initialized in
                sums = channelLevels(weight, scales: exactScales, groupSize: groupSize, int32: output.baseAddress).sums
                initialized = count
            }
            return (.int32(levels), scales, sums)
        }
        let levels = [Int8](unsafeUninitializedCapacity: count) { output, initialized in
            sums = channelLevels(weight, scales: exactScales, groupSize: groupSize, int8: output.baseAddress).sums
            initialized = count
        }
        return (.int8(levels), scales, sums)
    }

    /// What `quantizeWeights` stores, summed per output channel without being stored: the scales,
    /// and each channel's sum of stored values and of their magnitudes.
    package func weightSums(_ weight: Tensor, granularity: QuantizationOptions.WeightGranularity,
                            minimumScales: [Double] = []) -> (scales: [Float], sums: [Int64], magnitudes: [Int64]) {
        let (exactScales, groupSize) = exactWeightScales(weight, granularity: granularity, minimumScales: minimumScales)
        let summed = channelLevels(weight, scales: exactScales, groupSize: groupSize)
        return (exactScales.map { Float($0) }, summed.sums, summed.magnitudes)
    }

    /// The stored level of every weight (output channel `c` at its group's scale, `scales` of
    /// groups of `groupSize` values), each channel's levels summed and summed in magnitude, and each
    /// level written at its index to `int8` or `int32` when given: one pass, the channels shared out
    /// over the processors (each writes its own levels and sums, so the result is the same).
    private func channelLevels(_ weight: Tensor, scales: [Double], groupSize: Int,
                               int8: UnsafeMutablePointer<Int8>? = nil, int32: UnsafeMutablePointer<Int32>? = nil)
        -> (sums: [Int64], magnitudes: [Int64]) {
        let values = weight.floats
        let channels = weight.shape.rank > 0 ? weight.shape[0] : 1
        let perChannel = channels > 0 ? values.count / channels : 0
        var sums = [Int64](repeating: 0, count: channels), magnitudes = [Int64](repeating: 0, count: channels)
        values.withUnsafeBufferPointer { input in
            sums.withUnsafeMutableBufferPointer { sums in
                magnitudes.withUnsafeMutableBufferPointer { magnitudes in
                    let addresses = (UInt(bitPattern: input.baseAddress), UInt(bitPattern: sums.baseAddress),
                                     UInt(bitPattern: magnitudes.baseAddress), UInt(bitPattern: int8), UInt(bitPattern: int32))
                    ParallelMap.forEachBlock(of: channels) { block in
                        guard let input = UnsafePointer<Float>(bitPattern: addresses.0),
                              let sums = UnsafeMutablePointer<Int64>(bitPattern: addresses.1),
                              let magnitudes = UnsafeMutablePointer<Int64>(bitPattern: addresses.2) else { return }
                        let int8 = UnsafeMutablePointer<Int8>(bitPattern: addresses.3)
                        let int32 = UnsafeMutablePointer<Int32>(bitPattern: addresses.4)
                        for channel in block {
                            // A channel lies inside one group (its own, or the tensor's).
                            let scale = scales[groupSize > 0 ? channel * perChannel / groupSize : 0]
                            var sum: Int64 = 0, magnitude: Int64 = 0
                            for index in (channel * perChannel)..<((channel + 1) * perChannel) {
                                let level = storedLevel(Double(input[index]), scale: scale)
                                int8?[index] = Int8(truncatingIfNeeded: level)
                                int32?[index] = level
                                sum += Int64(level)
                                magnitude += Int64(level.magnitude)
                            }
                            sums[channel] = sum
                            magnitudes[channel] = magnitude
                        }
                    }
                }
            }
        }
        return (sums, magnitudes)
    }

    /// The exact scale of each weight group (one per output channel, or one for the tensor) and the
    /// group's size.
    private func exactWeightScales(_ weight: Tensor, granularity: QuantizationOptions.WeightGranularity,
                                   minimumScales: [Double]) -> (scales: [Double], groupSize: Int) {
        let values = weight.floats
        let channels = weight.shape.rank > 0 ? weight.shape[0] : 1
        let groupCount = granularity == .perChannel ? channels : 1
        let groupSize = groupCount > 0 ? values.count / groupCount : 0
        let minimum = { (group: Int) -> Double in
            groupCount == channels ? (group < minimumScales.count ? minimumScales[group] : 0) : (minimumScales.max() ?? 0)
        }
        let magnitudes = Self.largestMagnitudes(values, groups: groupCount, groupSize: groupSize)
        let scales = (0..<groupCount).map { group in
            let natural = weightScale(magnitude: Double(magnitudes[group]))
            return minimum(group) > 0 ? max(natural, weightScale(atLeast: minimum(group))) : natural
        }
        return (scales, groupSize)
    }

    /// The stored value of the weight `w` at `scale`, in this mode.
    @inline(__always)
    private func storedLevel(_ w: Double, scale: Double) -> Int32 {
        switch self {
        case .standard, .vgg16CU, .dynamicFixedPoint: return Self.symmetricLevel(w, scale: scale)
        case .pow2Weights, .de1socQ10: return quantizeWeight(w, scale: scale)
        }
    }

    /// The largest `|x|` of each of `groups` groups of `groupSize` consecutive values, on every
    /// processor: the groups shared out, or one group's values (a maximum combines exactly).
    private static func largestMagnitudes(_ values: [Float], groups: Int, groupSize: Int) -> [Float] {
        guard groups == 1 else {
            return ParallelMap.map(count: groups) { largestMagnitude(values, in: ($0 * groupSize)..<(($0 + 1) * groupSize)) }
        }
        return [ParallelMap.map(blocksOf: groupSize) { largestMagnitude(values, in: $0) }.max() ?? 0]
    }

    /// The largest `|x|` of `values[range]` (0 for none; NaN is passed over). The bits of `|x|`
    /// order as its values do, so this is an integer maximum, which vectorizes.
    private static func largestMagnitude(_ values: [Float], in range: Range<Int>) -> Float {
        values.withUnsafeBufferPointer { buffer in
            let infinity = Float.infinity.bitPattern
            var largest: UInt32 = 0
            for index in range {
                let magnitude = buffer[index].bitPattern & 0x7fff_ffff
                largest = max(largest, magnitude > infinity ? 0 : magnitude)
            }
            return Float(bitPattern: largest)
        }
    }

    /// `clamp(round_half_away(w / scale), −127, 127)`, without a library call per weight: rounding
    /// commutes with clamping to integers, and within ±127 the truncated quotient and its exact
    /// remainder give the half-away rounding.
    @inline(__always)
    static func symmetricLevel(_ w: Double, scale: Double) -> Int32 {
        let clamped = min(max(w / scale, -127), 127)
        let truncated = Int32(clamped)
        let remainder = clamped - Double(truncated)
        return truncated + (remainder >= 0.5 ? 1 : 0) - (remainder <= -0.5 ? 1 : 0)
    }

    private func weightScale(magnitude: Double) -> Double {
        switch self {
        case .de1socQ10: return pow(2, -Double(Self.q10FractionBits))
        case .dynamicFixedPoint: return Double(Self.powerOfTwoScale(covering: magnitude, levels: 128))
        case .pow2Weights: return magnitude > 0 ? magnitude / 64 : 1
        case .standard, .vgg16CU: return magnitude > 0 ? magnitude / 127 : 1
        }
    }

    /// The smallest weight scale of this mode that is at least `scale`.
    private func weightScale(atLeast scale: Double) -> Double {
        switch self {
        case .de1socQ10: return pow(2, -Double(Self.q10FractionBits))
        case .dynamicFixedPoint: return Double(Self.powerOfTwoScale(covering: scale, levels: 1))
        case .pow2Weights, .standard, .vgg16CU: return scale
        }
    }

    private func quantizeWeight(_ w: Double, scale: Double) -> Int32 {
        let level = w / scale
        switch self {
        case .de1socQ10:
            return Int32(min(max(level.rounded(.toNearestOrAwayFromZero), -524_288), 524_287))
        case .pow2Weights:
            guard abs(level) >= 0.5 else { return 0 }
            let exponent = min(max(log2(abs(level)).rounded(.toNearestOrAwayFromZero), 0), 6)
            return Int32(level < 0 ? -pow(2, exponent) : pow(2, exponent))
        case .standard, .vgg16CU, .dynamicFixedPoint:
            return Self.symmetricLevel(w, scale: scale)
        }
    }
}
