import Accelerator

/// The depthwise convolution's costs, charged as `PipelineTimeline` charges them (docs/SCHEDULING.md,
/// "Depthwise convolutions"). A depthwise layer is light on the array (9 or 25 MACs per output) and
/// heavy on the load unit and the post-processing, so two simplifications that are harmless for a
/// convolution summing hundreds of input channels decide its tiling: its input `LOAD`s are charged
/// the bus words their rows touch (a tile a few columns wide moves two or three words per row of
/// ten bytes), and its units are a three-stage flow rather than the slowest unit plus a whole
/// first and last tile on top (which double-counts the last tile's `POST` when the compute unit is
/// the slowest, and so favoured many small tiles, each with its own weight and parameter loads).
extension TileCostModel {
    /// The input `LOAD`s of a depthwise layer when the map is cut into tiles of `rows` × `columns`,
    /// in groups of tiles whose boxes read as many rows and columns with the same padding from the
    /// same offset in a bus word: each group's `LOAD` over every channel (`depth` the input
    /// channels), the bus words its rows touch and how many tiles it stands for. Each tile's rows
    /// lie at their DRAM place (the map from a word boundary, as `storeWords` assumes) and merge as
    /// `DRAMRows` merges them (a tile with no left or right padding, a plane with no top or bottom
    /// padding either). Channel tiles cut the planes, not the rows, so the sum over them is the sum
    /// over every plane.
    static func depthwiseInputLoads(geometry: PlaneGeometry, rows: Int, columns: Int, elementBytes: Int,
                                    busBytes: Int) -> [DepthwiseInputLoad] {
        let (height, width, eb) = (geometry.inputHeight, geometry.inputWidth, elementBytes)
        let rowClasses = boxClasses(TileRanges(size: geometry.outputHeight, tile: rows), box: geometry.inputRows(forOutput:),
                                    inside: geometry.padTop..<(geometry.padTop + height)) { $0 * width * eb % busBytes }
        let columnClasses = boxClasses(TileRanges(size: geometry.outputWidth, tile: columns), box: geometry.inputColumns(forOutput:),
                                       inside: geometry.padLeft..<(geometry.padLeft + width)) { $0 * eb % busBytes }
        return rowClasses.flatMap { rowClass in
            columnClasses.map { columnClass in
                let load = LoadInstruction(layer: 0, buffer: .input, elementBytes: eb, dramAddress: rowClass.offset + columnClass.offset,
                                           sramAddress: 0, depth: geometry.inputChannels, rows: rowClass.count, columns: columnClass.count,
                                           dramPlaneStride: height * width * eb, dramRowStride: width * eb, padTop: rowClass.pads.before,
                                           padBottom: rowClass.pads.after, padLeft: columnClass.pads.before, padRight: columnClass.pads.after)
                return DepthwiseInputLoad(load: load, words: load.dramRows.busWords(busBytes: busBytes), tiles: rowClass.tiles * columnClass.tiles)
            }
        }
    }

    /// The bus words the input `LOAD`s of a depthwise layer touch over the whole map when it is cut
    /// into tiles of `rows` × `columns` (`depthwiseInputLoads`).
    static func depthwiseInputWords(geometry: PlaneGeometry, rows: Int, columns: Int, elementBytes: Int, busBytes: Int) -> Int {
        busWords(of: depthwiseInputLoads(geometry: geometry, rows: rows, columns: columns, elementBytes: elementBytes, busBytes: busBytes))
    }

    /// The bus words `loads` touch, each group's `LOAD` once per tile it stands for.
    static func busWords(of loads: [DepthwiseInputLoad]) -> Int {
        sum(loads) { $0.tiles * $0.words }
    }

    /// The padded-box ranges `box` gives the output tiles `ranges`, clipped to the rows or columns
    /// `inside` the input, grouped by how many they read, the bus offset `offset` gives their first
    /// (counted from the input's first) and the padding before and after them (a box of padding
    /// only is all before, as `LoweringContext.inputLoad` writes it); with how many tiles fall in
    /// each group, in a fixed order.
    private static func boxClasses(_ ranges: TileRanges, box: (Range<Int>) -> Range<Int>, inside: Range<Int>,
                                   offset: (Int) -> Int) -> [(count: Int, offset: Int, pads: (before: Int, after: Int), tiles: Int)] {
        var tiles: [[Int]: Int] = [:]
        for range in ranges {
            let padded = box(range)
            let first = max(padded.lowerBound, inside.lowerBound)
            let read = first..<max(first, min(padded.upperBound, inside.upperBound))
            let pads = read.isEmpty ? [padded.count, 0] : [read.lowerBound - padded.lowerBound, padded.upperBound - read.upperBound]
            tiles[[read.count, offset(read.lowerBound - inside.lowerBound)] + pads, default: 0] += 1
        }
        return tiles.keys.sorted { $0.lexicographicallyPrecedes($1) }.map {
            (count: $0[0], offset: $0[1], pads: (before: $0[2], after: $0[3]), tiles: tiles[$0]!)
        }
    }

    /// The cycles the pad fill adds to a depthwise layer's input `LOAD`s beyond their transfers,
    /// which the estimate charges at the bandwidth: a padded `LOAD` lasts at least its setup and
    /// pad fill (`TimingModel.padFillBound`), which on several DMA ports can outlast a narrow box's
    /// transfer. Each group's `LOAD` is taken once per channel tile of `tile`, its bus words in
    /// proportion to its planes.
    func depthwisePadFillExcess(_ tile: TileShape) -> Int {
        guard let loads = inputLoadCache[tile.rows << 20 | tile.columns] else { return 0 }
        let channels = geometry.inputChannels, depth = min(tile.outputChannels, channels)
        let channelTiles = [(depth: depth, count: channels / depth), (depth: channels % depth, count: 1)]
        return sum(loads) { group in
            sum(channelTiles) { channelTile in
                guard channelTile.depth > 0, group.load.sramBytes > group.load.dramBytes else { return 0 }
                var load = group.load
                load.depth = channelTile.depth
                let words = (group.words * channelTile.depth + channels - 1) / channels
                let transfer = load.dramBytes > 0 ? timing.dmaOverheadCycles + timing.transferCycles(words * timing.busBytes) : 0
                return group.tiles * channelTile.count * max(0, timing.padFillBound(load) - transfer)
            }
        }
    }

    /// The cycles of a depthwise convolution's first step of loads: its input box (unless the input
    /// is on chip), its weights and its parameter records, a DMA each.
    func depthwiseFirstLoad(_ footprint: TileFootprint) -> Int {
        let transfers = (budget.residentInputs > 0 ? 0 : 1) + 2
        let dma = timing.dmaOverheadCycles
        return transfers * dma
            + timing.transferCycles(footprint.inputSlotBytes + footprint.weightSlotBytes + footprint.parameterSlotBytes)
    }

    /// The cycles of `tiles` tiles flowing through load → compute → store, each unit busy for its
    /// total (`load`, `compute`, `store`): the busiest unit's total, plus what must run before its
    /// first tile (`firstLoad`, the first tile's loads; a tile's compute) and after its last (the
    /// compute of the `tilesAfterLastLoad` tiles that follow the last load; `lastStore`, the last
    /// tile's store), or the fetch of the instructions when that is slower. A tile's compute is the
    /// average over the tiles.
    static func flowCycles(load: Int, compute: Int, store: Int, fetch: Int, firstLoad: Int, lastStore: Int, tiles: Int,
                           tilesAfterLastLoad: Int) -> Int {
        let tileCompute = compute / max(1, tiles)
        return max(load + tileCompute * tilesAfterLastLoad + lastStore, firstLoad + compute + lastStore,
                   firstLoad + tileCompute + store, fetch)
    }

    /// The output tiles a depthwise convolution computes after its last `LOAD`: every pixel tile of
    /// the last channel tile when the outputs-outer order loads only weights and parameters (the
    /// input on chip), else the last tile.
    static func depthwiseTilesAfterLastLoad(_ tile: TileShape, _ counts: TileCounts, inputResident: Bool) -> Int {
        tile.order == .outputsOuter && inputResident ? counts.pixels : 1
    }
}

extension GemmWork {
    /// A depthwise convolution (a group per channel), not a gated product that runs on the same
    /// depthwise `GEMM`s: its tiling is costed by `TileCostModel+Depthwise` and takes either loop order.
    var isDepthwiseConvolution: Bool { depthwise && gate == nil }
}
