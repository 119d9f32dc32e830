import Accelerator


extension AcceleratorState {
    /// `GEMM`: every output's dot product over its input patch and weight row, added to (or, with
    /// `reset`, stored in) its accumulator modulo 2^(8·accumulatorBytes). One-byte operands with
    /// four-byte accumulators take `Int8GemmKernel`, with the program's packed constant weights when
    /// it has them; other widths a 64-bit loop.
    mutating func executeGemm(_ gemm: GemmInstruction, site: InstructionSite) throws {
        let (width, accumulatorWidth) = (gemm.elementBytes, gemm.accumulatorBytes)
        try site.requireWidth(width, "element width")
        try site.requireWidth(accumulatorWidth, "accumulator width")
        try site.require([gemm.strideHeight, gemm.strideWidth, gemm.dilationHeight, gemm.dilationWidth].allSatisfy { $0 >= 1 },
                         "a stride or dilation below 1")
        try site.require(!gemm.depthwise || gemm.inputChannels == 1,
                         "a depthwise GEMM reads one input plane per output channel, but inputChannels is \(gemm.inputChannels)")
        let (input, weight, accumulator) = (Self.slot(.input), Self.slot(.weight), Self.slot(.accumulator))
        let outputs = gemm.outputChannels * gemm.outputRows * gemm.outputColumns
        let rowLength = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let reads = outputs > 0 && rowLength > 0
        if reads {
            try sram[input].check(address: gemm.inputAddress,
                                  extents: [(gemm.inputPlanes, gemm.inputPlanePitch * width),
                                            (gemm.inputRows, gemm.inputRowPitch * width), (gemm.inputColumns, width)],
                                  elementBytes: width, site: site)
            try sram[weight].check(address: gemm.weightAddress, extents: [(gemm.outputChannels * rowLength, width)],
                                   elementBytes: width, site: site)
        }
        try sram[accumulator].check(address: gemm.accumulatorAddress, extents: [(outputs, accumulatorWidth)],
                                    elementBytes: accumulatorWidth, site: site)
        // A depthwise GEMM whose planes lie 0 apart (a folded kernel) reads one plane for every output
        // channel: the ordinary GEMM over that plane, which the int8 kernel runs.
        var ordinary = gemm
        ordinary.depthwise = gemm.depthwise && gemm.inputPlanePitch != 0
        if ordinary.depthwise {
            let sums = reads ? wideSums(gemm) : [Int64](repeating: 0, count: outputs)
            sram[accumulator].accumulate(sums, at: gemm.accumulatorAddress, width: accumulatorWidth, reset: gemm.reset)
        } else if width == 1 && accumulatorWidth == 4 {
            if reads {
                let kernel = Int8GemmKernel(gemm: ordinary)
                let weights = constantWeights[site.index] ?? sram[weight].withUnsafeBytes {
                    PackedWeights(path: kernel.path, channels: gemm.outputChannels, depth: rowLength, memory: $0,
                                  address: gemm.weightAddress, rowStride: rowLength)
                }
                let inputs = sram[input]
                kernel.accumulate(input: inputs, weights: weights, into: &sram[accumulator], scratch: gemmScratch)
            } else if gemm.reset {
                sram[accumulator].fill(0, at: gemm.accumulatorAddress, count: outputs * accumulatorWidth, width: 1)
            }
        } else {
            let sums = reads ? wideSums(gemm) : [Int64](repeating: 0, count: outputs)
            sram[accumulator].accumulate(sums, at: gemm.accumulatorAddress, width: accumulatorWidth, reset: gemm.reset)
        }
        count(layer: gemm.layer) { $0.record(.gemm(gemm)) }
    }

    /// The dot products of a `GEMM` with operands of any width, in wrapping 64-bit arithmetic,
    /// ordered `[m][y][x]`; a depthwise `GEMM` reads output channel `m`'s patch from plane `m`.
    private func wideSums(_ gemm: GemmInstruction) -> [Int64] {
        let width = gemm.elementBytes
        let (inputs, weights) = (sram[Self.slot(.input)], sram[Self.slot(.weight)])
        let rowLength = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let pixels = gemm.outputRows * gemm.outputColumns
        let weightValues = (0..<(gemm.outputChannels * rowLength)).map {
            weights.element(at: gemm.weightAddress + $0 * width, width: width)
        }
        var sums = [Int64](repeating: 0, count: gemm.outputChannels * pixels)
        var patch = [Int64](repeating: 0, count: rowLength)
        let groups: [(plane: Int, channels: Range<Int>)] = gemm.depthwise
            ? (0..<gemm.outputChannels).map { ($0, $0..<($0 + 1)) }
            : [(0, 0..<gemm.outputChannels)]
        for y in 0..<gemm.outputRows {
            for x in 0..<gemm.outputColumns {
                for (plane, channels) in groups {
                    var tap = 0
                    for channel in plane..<(plane + gemm.inputChannels) {
                        for ky in 0..<gemm.kernelHeight {
                            for kx in 0..<gemm.kernelWidth {
                                let element = channel * gemm.inputPlanePitch
                                    + (y * gemm.strideHeight + ky * gemm.dilationHeight) * gemm.inputRowPitch
                                    + x * gemm.strideWidth + kx * gemm.dilationWidth
                                patch[tap] = inputs.element(at: gemm.inputAddress + element * width, width: width)
                                tap += 1
                            }
                        }
                    }
                    for channel in channels {
                        var sum: Int64 = 0
                        for k in 0..<rowLength { sum &+= patch[k] &* weightValues[channel * rowLength + k] }
                        sums[channel * pixels + y * gemm.outputColumns + x] = sum
                    }
                }
            }
        }
        return sums
    }
}
