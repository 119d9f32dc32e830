import Foundation

/// Winograd F(2×2, 3×3) float convolution for 3×3, stride-1, undilated, ungrouped 2-D
/// convolutions: a 2×2 output tile costs 16 multiplies per (input, output channel) pair instead of 36.
///
/// Weights become `U = G·g·Gᵀ` and each 4×4 input tile (tiles overlap by two) becomes `V = Bᵀ·d·B`.
/// For each of the 16 transform positions one SGEMM multiplies `U [M × C]` by `V [C × tiles]`; the
/// output transform `Aᵀ·m·A`, the bias and the fused activation then run in one pass. Tiles (of all
/// images together) are processed in blocks so that a block's transformed operands stay in cache.
/// Transforms of 4 neighbouring tiles of a tile row run as one SIMD computation.
struct WinogradConvKernel {
    typealias Lanes = SIMD4<Float>

    private let batch: Int
    private let inputChannels: Int
    private let outputChannels: Int
    private let height: WindowGeometry.Axis
    private let width: WindowGeometry.Axis
    private let blockBytes: Int

    /// Positions of the 4×4 transformed tile.
    static let positions = 16

    /// Fewest input and output channels for which the Winograd path beats im2col. Measured at
    /// 112×112 and 224×224 on 2 cores: im2col wins clearly at 3→64, 8→16 and 16→32 channels, the
    /// two tie at 32→64, Winograd wins by 1.3–1.8× from 64→64 on.
    static let minimumChannels = 64

    /// Whether a convolution with this many channels is worth the Winograd path.
    static func pays(inputChannels: Int, outputChannels: Int) -> Bool {
        inputChannels >= minimumChannels && outputChannels >= minimumChannels
    }

    /// Plans the convolution, or returns `nil` when it is not a 3×3, stride-1, undilated,
    /// ungrouped 2-D convolution. `blockBytes` sizes the blocks of tiles (see `defaultBlockBytes`).
    init?(batch: Int, inputChannels: Int, outputChannels: Int, group: Int,
          height: WindowGeometry.Axis, width: WindowGeometry.Axis, blockBytes: Int = defaultBlockBytes) {
        let qualifies = { (axis: WindowGeometry.Axis) in axis.kernel == 3 && axis.stride == 1 && axis.dilation == 1 }
        guard group == 1, qualifies(height), qualifies(width), batch > 0, inputChannels > 0, outputChannels > 0,
              height.outputSize > 0, width.outputSize > 0 else { return nil }
        self.batch = batch
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.height = height
        self.width = width
        self.blockBytes = blockBytes
    }

    private var tileRows: Int { (height.outputSize + 1) / 2 }
    private var tileColumns: Int { (width.outputSize + 1) / 2 }
    private var tilesPerImage: Int { tileRows * tileColumns }
    private var outputPlane: Int { height.outputSize * width.outputSize }

    /// Bytes of transformed input (or of products) to aim for per block. Measured on VGG16 (2 cores):
    /// 4 MiB beat 1 and 2 MiB (fewer, wider SGEMM calls) and 8 MiB and more (cache misses).
    static let defaultBlockBytes = 4 << 20
    /// Fewest tiles per block: below this the SGEMM calls get too thin.
    private static let minimumBlockTiles = 64

    private var tilesPerBlock: Int {
        let bytesPerTile = Self.positions * max(inputChannels, outputChannels) * MemoryLayout<Float>.size
        return min(batch * tilesPerImage, max(Self.minimumBlockTiles, blockBytes / bytesPerTile))
    }

    /// Convolves `input` (`[N, C, H, W]`) with the weights `transformedWeight` (`[M, C, 3, 3]`
    /// transformed by `transformWeight(_:outputChannels:inputChannels:)`), adds `bias` (`[M]`) and
    /// applies `activation`; returns `[N, M, OH, OW]`.
    func run(input: [Float], transformedWeight: [Float], bias: [Float]?, activation: Activation?) -> [Float] {
        let count = batch * outputChannels * outputPlane
        let epilogue = Epilogue(bias: bias, activation: activation)
        // Every output element is written exactly once by the output transform.
        return [Float](unsafeUninitializedCapacity: count) { output, initialized in
            input.withUnsafeBufferPointer { input in
                transformedWeight.withUnsafeBufferPointer { weight in
                    guard let input = input.baseAddress, let weight = weight.baseAddress,
                          let output = output.baseAddress else { return }
                    convolve(input, weight, epilogue: epilogue, into: output)
                }
            }
            initialized = count
        }
    }

    /// The block loop: input transform, SGEMMs and output transform per block of tiles, with the
    /// block matrices allocated once.
    private func convolve(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, epilogue: Epilogue,
                          into output: UnsafeMutablePointer<Float>) {
        let blockTiles = tilesPerBlock
        // Rows of the block matrices leave room for the lanes a final partial SIMD group touches.
        let rowStride = blockTiles + Lanes.scalarCount
        let transformed = UnsafeMutablePointer<Float>.allocate(capacity: Self.positions * inputChannels * rowStride)
        defer { transformed.deallocate() }
        let products = UnsafeMutablePointer<Float>.allocate(capacity: Self.positions * outputChannels * rowStride)
        defer { products.deallocate() }
        // SGEMM writes a block's columns; the output transform also reads (and drops) the padding ones.
        for row in 0..<(Self.positions * outputChannels) {
            (products + row * rowStride + blockTiles).initialize(repeating: 0, count: Lanes.scalarCount)
        }
        for first in stride(from: 0, to: batch * tilesPerImage, by: blockTiles) {
            let block = Block(tiles: first..<min(first + blockTiles, batch * tilesPerImage), rowStride: rowStride)
            transformInput(input, block: block, into: transformed)
            multiply(weight, transformed, block: block, into: products)
            transformOutput(products, block: block, epilogue: epilogue, into: output)
        }
    }

    /// A run of tiles (numbered over all images, row-major within an image) transformed and
    /// multiplied together; `rowStride` is the distance between rows of its `[C × tiles]` matrices.
    private struct Block {
        var tiles: Range<Int>
        var rowStride: Int
    }

    /// Tiles of one tile row of one image that a block holds; `offset` is the first one's column
    /// in the block matrices.
    private struct Segment {
        var image: Int
        var tileRow: Int
        var columns: Range<Int>
        var offset: Int
    }

    /// The block's tiles, split at tile-row boundaries.
    private func segments(of block: Block) -> [Segment] {
        var result: [Segment] = []
        var tile = block.tiles.lowerBound
        while tile < block.tiles.upperBound {
            let (image, within) = tile.quotientAndRemainder(dividingBy: tilesPerImage)
            let (row, column) = within.quotientAndRemainder(dividingBy: tileColumns)
            let count = min(tileColumns - column, block.tiles.upperBound - tile)
            result.append(Segment(image: image, tileRow: row, columns: column..<(column + count),
                                  offset: tile - block.tiles.lowerBound))
            tile += count
        }
        return result
    }

    /// One SGEMM per transform position: `products[p] = U[p] · V[p]`.
    private func multiply(_ weight: UnsafePointer<Float>, _ transformed: UnsafePointer<Float>, block: Block,
                          into products: UnsafeMutablePointer<Float>) {
        for position in 0..<Self.positions {
            Sgemm.multiply(m: outputChannels, n: block.tiles.count, k: inputChannels,
                           a: weight + position * outputChannels * inputChannels, lda: inputChannels,
                           b: transformed + position * inputChannels * block.rowStride, ldb: block.rowStride,
                           c: products + position * outputChannels * block.rowStride, ldc: block.rowStride)
        }
    }

    /// Runs `body(channel, worker)` for `channels` channels spread over the processors.
    private static func forEachChannel(_ channels: Int, _ body: @Sendable (Int, Int) -> Void) {
        let workers = min(channels, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for channel in stride(from: worker, to: channels, by: workers) { body(channel, worker) }
        }
    }
}

// MARK: - Input transform

extension WinogradConvKernel {
    /// Width of the zero-padded copy of four input rows that one tile row reads, with room for
    /// the SIMD loads of a final partial group.
    private var paddedWidth: Int { 2 * tileColumns + 2 + 2 * Lanes.scalarCount + 2 }

    /// `V = Bᵀ·d·B` for every tile of `block` and every input channel, stored as
    /// `transformed[position][channel][tile]`.
    private func transformInput(_ input: UnsafePointer<Float>, block: Block, into transformed: UnsafeMutablePointer<Float>) {
        let segments = segments(of: block)
        let rowsLength = 4 * paddedWidth
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: rowsLength * ProcessInfo.processInfo.activeProcessorCount)
        scratch.initialize(repeating: 0, count: rowsLength * ProcessInfo.processInfo.activeProcessorCount)
        defer { scratch.deallocate() }
        let addresses = (UInt(bitPattern: input), UInt(bitPattern: transformed), UInt(bitPattern: scratch))
        Self.forEachChannel(inputChannels) { channel, worker in
            guard let input = UnsafePointer<Float>(bitPattern: addresses.0),
                  let transformed = UnsafeMutablePointer<Float>(bitPattern: addresses.1),
                  let scratch = UnsafeMutablePointer<Float>(bitPattern: addresses.2) else { return }
            let rows = scratch + worker * rowsLength
            for segment in segments {
                let plane = input + (segment.image * inputChannels + channel) * height.inputSize * width.inputSize
                copyPaddedRows(plane, tileRow: segment.tileRow, into: rows)
                let destination = transformed + channel * block.rowStride + segment.offset
                for column in stride(from: segment.columns.lowerBound, to: segment.columns.upperBound,
                                     by: Lanes.scalarCount) {
                    transformTiles(rows + 2 * column,
                                   into: destination + column - segment.columns.lowerBound,
                                   positionStride: inputChannels * block.rowStride)
                }
            }
        }
    }

    /// Copies the four input rows under tile row `tileRow` into `rows` (`4 × paddedWidth`), with
    /// zeros where they lie in the padding; column `2·t` of a row is the first column of tile `t`.
    private func copyPaddedRows(_ plane: UnsafePointer<Float>, tileRow: Int, into rows: UnsafeMutablePointer<Float>) {
        let left = width.padBegin
        let copied = min(width.inputSize, paddedWidth - left)
        for row in 0..<4 {
            let line = rows + row * paddedWidth
            let inputRow = 2 * tileRow - height.padBegin + row
            guard inputRow >= 0, inputRow < height.inputSize else {
                line.update(repeating: 0, count: paddedWidth)
                continue
            }
            line.update(repeating: 0, count: left)
            (line + left).update(from: plane + inputRow * width.inputSize, count: copied)
            (line + left + copied).update(repeating: 0, count: paddedWidth - left - copied)
        }
    }

    /// Transforms the 4 tiles starting at `rows` (each 2 columns to the right of the previous) and
    /// stores position `p` of tile `k` at `destination[p * positionStride + k]`.
    @inline(__always)
    private func transformTiles(_ rows: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
                                positionStride: Int) {
        // Row r of d·B, one lane per tile; rows are formed as they are needed to keep few live.
        func row(_ r: Int) -> (Lanes, Lanes, Lanes, Lanes) {
            let line = UnsafeRawPointer(rows + r * paddedWidth)
            let near = line.loadUnaligned(as: SIMD8<Float>.self)
            let far = line.loadUnaligned(fromByteOffset: 2 * MemoryLayout<Float>.size, as: SIMD8<Float>.self)
            return Self.inputRows(near.evenHalf, near.oddHalf, far.evenHalf, far.oddHalf)
        }
        func store(_ values: (Lanes, Lanes, Lanes, Lanes), row: Int) {
            let base = UnsafeMutableRawPointer(destination + 4 * row * positionStride)
            let step = positionStride * MemoryLayout<Float>.size
            base.storeBytes(of: values.0, as: Lanes.self)
            base.storeBytes(of: values.1, toByteOffset: step, as: Lanes.self)
            base.storeBytes(of: values.2, toByteOffset: 2 * step, as: Lanes.self)
            base.storeBytes(of: values.3, toByteOffset: 3 * step, as: Lanes.self)
        }
        // Bᵀ·(d·B): V row 0 = w0 - w2, row 1 = w1 + w2, row 2 = w2 - w1, row 3 = w1 - w3.
        let (w1, w2) = (row(1), row(2))
        store((w1.0 + w2.0, w1.1 + w2.1, w1.2 + w2.2, w1.3 + w2.3), row: 1)
        store((w2.0 - w1.0, w2.1 - w1.1, w2.2 - w1.2, w2.3 - w1.3), row: 2)
        let w0 = row(0)
        store((w0.0 - w2.0, w0.1 - w2.1, w0.2 - w2.2, w0.3 - w2.3), row: 0)
        let w3 = row(3)
        store((w1.0 - w3.0, w1.1 - w3.1, w1.2 - w3.2, w1.3 - w3.3), row: 3)
    }

    /// `Bᵀ·x` for four values `x` (a column, or a row for `x·B`), with `Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]`.
    @inline(__always)
    private static func inputRows(_ x0: Lanes, _ x1: Lanes, _ x2: Lanes, _ x3: Lanes) -> (Lanes, Lanes, Lanes, Lanes) {
        (x0 - x2, x1 + x2, x2 - x1, x1 - x3)
    }
}

// MARK: - Output transform

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
    private func transformOutput(_ products: UnsafePointer<Float>, block: Block, epilogue: Epilogue,
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

// MARK: - Weight transform

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
