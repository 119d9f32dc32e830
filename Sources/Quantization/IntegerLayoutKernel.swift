import IR

/// Concatenation (with per-input rescaling) and constant padding of stored values.
package enum IntegerLayoutKernel {
    /// Concatenates `inputs` (with their shapes) along `axis`, mapping every element through
    /// `clamp(zp_out + roundingShift((q − zp_i) × m_i, shift))`.
    package static func concat(_ inputs: [(values: [Int32], dims: [Int])], axis: Int, rescales: [QuantizedRescale], shift: Int,
                       outputZeroPoint: Int32, clamp: ClosedRange<Int32>) -> [Int32] {
        guard let first = inputs.first else { return [] }
        let outer = first.dims[..<axis].reduce(1, *)
        var output: [Int32] = []
        for block in 0..<outer {
            for ((values, dims), rescale) in zip(inputs, rescales) {
                let chunk = dims[axis...].reduce(1, *)
                for value in values[(block * chunk)..<((block + 1) * chunk)] {
                    let scaled = FixedPointArithmetic.roundingShift((Int64(value) - Int64(rescale.zeroPoint)) * rescale.multiplier, by: shift)
                    output.append(FixedPointArithmetic.clamp(Int64(outputZeroPoint) + scaled, to: clamp))
                }
            }
        }
        return output
    }

    /// Channels `start ..< start + count` of `input`, laid out `[N, C, …]` with shape `dims`.
    package static func sliceChannels(_ input: [Int32], dims: [Int], start: Int, count: Int) -> [Int32] {
        let plane = dims.dropFirst(2).reduce(1, *)
        var output: [Int32] = []
        for image in 0..<dims[0] {
            let first = (image * dims[1] + start) * plane
            output += input[first..<(first + count * plane)]
        }
        return output
    }

    /// The channel shuffle of `input` (`[N, C, …]` with shape `dims`): output channel
    /// `j × groups + i` is input channel `i × (C / groups) + j`.
    package static func channelShuffle(_ input: [Int32], dims: [Int], groups: Int) -> [Int32] {
        let (channels, plane) = (dims[1], dims.dropFirst(2).reduce(1, *))
        let perGroup = channels / groups
        return (0..<dims[0]).flatMap { image in
            (0..<channels).flatMap { channel in
                let source = (image * channels + (channel % groups) * perGroup + channel / groups) * plane
                return input[source..<(source + plane)]
            }
        }
    }

    /// Pads `input` of shape `dims` by `pads` (begin amounts of every axis, then end amounts) with
    /// `value`; the result has shape `outputDims`.
    package static func pad(_ input: [Int32], dims: [Int], pads: [Int], value: Int32, outputDims: [Int]) -> [Int32] {
        let rank = dims.count
        let inputStrides = Shape(dims).strides
        let outputCount = outputDims.reduce(1, *)
        let outputStrides = Shape(outputDims).strides
        return (0..<outputCount).map { index in
            var source = 0
            for axis in 0..<rank {
                let coordinate = index / outputStrides[axis] % outputDims[axis] - pads[axis]
                guard coordinate >= 0 && coordinate < dims[axis] else { return value }
                source += coordinate * inputStrides[axis]
            }
            return input[source]
        }
    }
}
