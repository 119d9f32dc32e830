import IR

/// The weight transform `U = G·g·Gᵀ` per 3×3 filter, and which convolutions take the Winograd path.
extension WinogradConvKernel {
    /// Whether convolutions with `attributes` and weights of shape `weight` take the Winograd
    /// path (see `ConvKernel`) whatever their input.
    static func covers(_ attributes: ConvAttributes, weight: Shape) -> Bool {
        weight.rank == 4 && weight[2] == 3 && weight[3] == 3 && attributes.group == 1
            && attributes.strides.allSatisfy { $0 == 1 } && attributes.dilations.allSatisfy { $0 == 1 }
            && pays(inputChannels: weight[1], outputChannels: weight[0])
    }

    /// `U = G·g·Gᵀ` for every 3×3 filter `g` of `weight` (`[M, C, 3, 3]`), stored as
    /// `[position][M][C]`, with `G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]`. Four input channels are
    /// transformed together, one per lane.
    static func transformWeight(_ weight: [Float], outputChannels: Int, inputChannels: Int) -> [Float] {
        let pairs = outputChannels * inputChannels
        var transformed = [Float](repeating: 0, count: positions * pairs)
        weight.withUnsafeBufferPointer { weight in
            transformed.withUnsafeMutableBufferPointer { transformed in
                guard let weight = weight.baseAddress, let transformed = transformed.baseAddress else { return }
                let addresses = (UInt(bitPattern: weight), UInt(bitPattern: transformed))
                forEachChannel(outputChannels) { channel, _ in
                    guard let weight = UnsafePointer<Float>(bitPattern: addresses.0),
                          let transformed = UnsafeMutablePointer<Float>(bitPattern: addresses.1) else { return }
                    let first = channel * inputChannels
                    for input in stride(from: 0, to: inputChannels, by: Lanes.scalarCount) {
                        let filters = min(Lanes.scalarCount, inputChannels - input)
                        transformFilters(weight + 9 * (first + input), count: filters,
                                         into: transformed + first + input, positionStride: pairs)
                    }
                }
            }
        }
        return transformed
    }

    /// `G·g·Gᵀ` of the `count` (at most 4) consecutive 3×3 filters at `filters`, one per lane;
    /// position `p` of filter `k` is stored at `destination[p * positionStride + k]`.
    private static func transformFilters(_ filters: UnsafePointer<Float>, count: Int,
                                         into destination: UnsafeMutablePointer<Float>, positionStride: Int) {
        // Tap (r, j) of every filter.
        func tap(_ r: Int, _ j: Int) -> Lanes {
            var lanes = Lanes()
            for filter in 0..<count { lanes[filter] = filters[9 * filter + 3 * r + j] }
            return lanes
        }
        // Row r of g·Gᵀ.
        func row(_ r: Int) -> (Lanes, Lanes, Lanes, Lanes) {
            let (a, b, c) = (tap(r, 0), tap(r, 1), tap(r, 2))
            return (a, (a + b + c) * 0.5, (a - b + c) * 0.5, c)
        }
        func store(_ values: (Lanes, Lanes, Lanes, Lanes), row: Int) {
            let line = destination + 4 * row * positionStride
            for filter in 0..<count {
                line[filter] = values.0[filter]
                line[positionStride + filter] = values.1[filter]
                line[2 * positionStride + filter] = values.2[filter]
                line[3 * positionStride + filter] = values.3[filter]
            }
        }
        // G·(g·Gᵀ): rows g0, (g0 + g1 + g2) / 2, (g0 - g1 + g2) / 2, g2.
        let (h0, h1, h2) = (row(0), row(1), row(2))
        store(h0, row: 0)
        store(((h0.0 + h1.0 + h2.0) * 0.5, (h0.1 + h1.1 + h2.1) * 0.5, (h0.2 + h1.2 + h2.2) * 0.5,
               (h0.3 + h1.3 + h2.3) * 0.5), row: 1)
        store(((h0.0 - h1.0 + h2.0) * 0.5, (h0.1 - h1.1 + h2.1) * 0.5, (h0.2 - h1.2 + h2.2) * 0.5,
               (h0.3 - h1.3 + h2.3) * 0.5), row: 2)
        store(h2, row: 3)
    }
}
