import IR

/// The output transform `Y = Aᵀ·m·A` per tile, fused with the bias and the activation.
extension WinogradConvKernel {
    /// The bias and clamp applied to every output value.
    struct Epilogue: Sendable {
        var bias: [Float]?
        var low: Float
        var high: Float

        init(bias: [Float]?, activation: Activation?) {
            self.bias = bias
            switch activation {
            case nil: (low, high) = (-.infinity, .infinity)
            case .relu: (low, high) = (0, .infinity)
            case .clip(let low, let high): (self.low, self.high) = (low, high)
            }
        }

        /// `x + shift` clamped to `low...high`; NaN stays NaN.
        @inline(__always)
        func apply(_ x: Lanes, shift: Float) -> Lanes {
            let shifted = x + shift
            let raised = shifted.replacing(with: low, where: shifted .< low)
            return raised.replacing(with: high, where: raised .> high)
        }
    }

    /// `Y = Aᵀ·m·A` for every tile of `block` and output channel, plus bias and activation, into
    /// `output` (`[N, M, OH, OW]`), dropping the row and column a tile has beyond an odd output.
    func transformOutput(_ products: UnsafePointer<Float>, block: Block, epilogue: Epilogue,
                                 into output: UnsafeMutablePointer<Float>) {
        let segments = segments(of: block)
        let addresses = (UInt(bitPattern: products), UInt(bitPattern: output))
        Self.forEachChannel(outputChannels) { channel, _ in
            guard let products = UnsafePointer<Float>(bitPattern: addresses.0),
                  let output = UnsafeMutablePointer<Float>(bitPattern: addresses.1) else { return }
            let shift = epilogue.bias?[channel] ?? 0
            for segment in segments {
                let plane = output + (segment.image * outputChannels + channel) * outputPlane
                let source = products + channel * block.rowStride + segment.offset
                for column in stride(from: segment.columns.lowerBound, to: segment.columns.upperBound,
                                     by: Lanes.scalarCount) {
                    let tiles = min(Lanes.scalarCount, segment.columns.upperBound - column)
                    let (top, bottom) = inverseTransformTiles(source + column - segment.columns.lowerBound,
                                                              positionStride: outputChannels * block.rowStride)
                    store((epilogue.apply(top.0, shift: shift), epilogue.apply(top.1, shift: shift)),
                          plane: plane, row: 2 * segment.tileRow, column: column, tiles: tiles)
                    store((epilogue.apply(bottom.0, shift: shift), epilogue.apply(bottom.1, shift: shift)),
                          plane: plane, row: 2 * segment.tileRow + 1, column: column, tiles: tiles)
                }
            }
        }
    }

    /// The two output rows (left and right column each) of the 4 tiles whose products start at
    /// `source`, position `p` of tile `k` at `source[p * positionStride + k]`.
    @inline(__always)
    private func inverseTransformTiles(_ source: UnsafePointer<Float>, positionStride: Int)
        -> (top: (Lanes, Lanes), bottom: (Lanes, Lanes)) {
        // Row r of m·A, one lane per tile.
        func row(_ r: Int) -> (Lanes, Lanes) {
            let base = UnsafeRawPointer(source + 4 * r * positionStride)
            let step = positionStride * MemoryLayout<Float>.size
            return Self.outputRows(base.loadUnaligned(as: Lanes.self),
                                   base.loadUnaligned(fromByteOffset: step, as: Lanes.self),
                                   base.loadUnaligned(fromByteOffset: 2 * step, as: Lanes.self),
                                   base.loadUnaligned(fromByteOffset: 3 * step, as: Lanes.self))
        }
        // Aᵀ·(m·A): top = u0 + u1 + u2, bottom = u1 - u2 - u3.
        let u1 = row(1), u2 = row(2)
        var top = (u1.0 + u2.0, u1.1 + u2.1)
        var bottom = (u1.0 - u2.0, u1.1 - u2.1)
        let u0 = row(0)
        top = (top.0 + u0.0, top.1 + u0.1)
        let u3 = row(3)
        bottom = (bottom.0 - u3.0, bottom.1 - u3.1)
        return (top, bottom)
    }

    /// `Aᵀ·x` for four values `x` (a column, or a row for `x·A`), with `Aᵀ = [1 1 1 0; 0 1 -1 -1]`.
    @inline(__always)
    private static func outputRows(_ x0: Lanes, _ x1: Lanes, _ x2: Lanes, _ x3: Lanes) -> (Lanes, Lanes) {
        (x0 + x1 + x2, x1 - x2 - x3)
    }

    /// Stores output row `row` of `tiles` tiles starting at tile column `column`: `values.0` holds
    /// their left columns, `values.1` their right ones. Rows and columns beyond the output are dropped.
    @inline(__always)
    private func store(_ values: (Lanes, Lanes), plane: UnsafeMutablePointer<Float>, row: Int, column: Int, tiles: Int) {
        guard row < height.outputSize else { return }
        let line = plane + row * width.outputSize + 2 * column
        if tiles == Lanes.scalarCount, 2 * (column + tiles) <= width.outputSize {
            var interleaved = SIMD8<Float>()
            interleaved.evenHalf = values.0
            interleaved.oddHalf = values.1
            UnsafeMutableRawPointer(line).storeBytes(of: interleaved, as: SIMD8<Float>.self)
            return
        }
        let columns = width.outputSize - 2 * column
        for tile in 0..<tiles {
            if 2 * tile < columns { line[2 * tile] = values.0[tile] }
            if 2 * tile + 1 < columns { line[2 * tile + 1] = values.1[tile] }
        }
    }
}
