import Foundation
import IR

/// Winograd F(2×2, 3×3) float convolution for 3×3, stride-1, undilated, ungrouped 2-D
/// convolutions: a 2×2 output tile costs 16 multiplies per (input, output channel) pair instead of 36.
///
/// Weights become `U = G·g·Gᵀ` and each 4×4 input tile (tiles overlap by two) becomes `V = Bᵀ·d·B`.
/// For each of the 16 transform positions one SGEMM multiplies `U [M × C]` by `V [C × tiles]`; the
/// output transform `Aᵀ·m·A`, the bias and the fused activation then run in one pass. Tiles (of all
/// images together) are processed in blocks so that a block's transformed operands stay in cache.
/// Transforms of 4 neighbouring tiles of a tile row run as one SIMD computation.
struct WinogradConvKernel {
    /// One lane per tile. Four lanes fill the 128-bit registers of the default x86-64 target
    /// (SSE); eight spilled and measured slower.
    typealias Lanes = SIMD4<Float>

    let batch: Int
    let inputChannels: Int
    let outputChannels: Int
    let height: WindowGeometry.Axis
    let width: WindowGeometry.Axis
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
    var tileColumns: Int { (width.outputSize + 1) / 2 }
    var tilesPerImage: Int { tileRows * tileColumns }
    var outputPlane: Int { height.outputSize * width.outputSize }

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
    struct Block {
        var tiles: Range<Int>
        var rowStride: Int
    }

    /// Tiles of one tile row of one image that a block holds; `offset` is the first one's column
    /// in the block matrices.
    struct Segment {
        var image: Int
        var tileRow: Int
        var columns: Range<Int>
        var offset: Int
    }

    /// The block's tiles, split at tile-row boundaries.
    func segments(of block: Block) -> [Segment] {
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
    static func forEachChannel(_ channels: Int, _ body: @Sendable (Int, Int) -> Void) {
        let workers = min(channels, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for channel in stride(from: worker, to: channels, by: workers) { body(channel, worker) }
        }
    }
}
