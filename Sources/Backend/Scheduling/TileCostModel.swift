import Accelerator

/// The analytic model the tile search ranks candidates with: instruction counts, DMA cycles
/// (setup, latency, bytes at the DRAM bandwidth; for `STORE`s the bus words their rows touch), PE-array passes and post-processing, with loads
/// and stores overlapping compute (double buffering), so a layer takes about the slowest of the
/// three units plus filling and draining the pipeline. The lowered stream's `PipelineTimeline`
/// gives the final figure.
struct TileCostModel {
    let work: LayerWork
    let geometry: PlaneGeometry
    let timing: TimingModel
    let budget: LayerBudget
    /// Per-dimension sums for the candidate tile sizes, computed once.
    private var rowTerms: [Int: (validRows: Int, tiles: [Int])] = [:]
    private var columnTerms: [Int: (validColumns: Int, tiles: [Int])] = [:]
    private var pixelPassCache: [Int: Int] = [:]
    /// Bus words the `STORE`s of one output channel touch over the whole map, per tile rows and columns.
    private var storeWordCache: [Int: Int] = [:]
    /// The input `LOAD`s of a depthwise convolution over the whole map in groups, per tile rows and
    /// columns (`depthwiseInputLoads`).
    private(set) var inputLoadCache: [Int: [DepthwiseInputLoad]] = [:]

    init(work: LayerWork, geometry: PlaneGeometry, timing: TimingModel, budget: LayerBudget, rows: [Int], columns: [Int]) {
        self.work = work
        self.geometry = geometry
        self.timing = timing
        self.budget = budget
        let padded = geometry.padTop..<(geometry.padTop + geometry.inputHeight)
        let paddedColumns = geometry.padLeft..<(geometry.padLeft + geometry.inputWidth)
        for tile in rows {
            let ranges = Array(TileRanges(size: geometry.outputHeight, tile: tile))
            rowTerms[tile] = (sum(ranges) { overlap(geometry.inputRows(forOutput: $0), padded) }, ranges.map(\.count))
        }
        for tile in columns {
            let ranges = Array(TileRanges(size: geometry.outputWidth, tile: tile))
            columnTerms[tile] = (sum(ranges) { overlap(geometry.inputColumns(forOutput: $0), paddedColumns) }, ranges.map(\.count))
        }
        let pp = timing.config.array.pp
        for row in rows {
            for column in columns {
                let rowTiles = rowTerms[row]!.tiles, columnTiles = columnTerms[column]!.tiles
                pixelPassCache[row << 20 | column] = sum(rowTiles) { r in sum(columnTiles) { c in (r * c + pp - 1) / pp } }
                if !budget.outputResident { storeWordCache[row << 20 | column] = storeWords(rows: row, columns: column) }
                if case .gemm(let gemm) = work, gemm.isDepthwiseConvolution, budget.residentInputs == 0 {
                    inputLoadCache[row << 20 | column] = Self.depthwiseInputLoads(
                        geometry: geometry, rows: row, columns: column, elementBytes: budget.elementBytes, busBytes: timing.busBytes)
                }
            }
        }
    }

    /// The bus words one output channel's `STORE`s touch when the map is cut into tiles of `rows` ×
    /// `columns`, each tile's rows at their DRAM place (`TimingModel`'s DMA rows, the map from a
    /// word boundary). Tiles whose first byte has the same offset in a bus word and the same shape
    /// touch the same words, so each such class is counted once.
    private func storeWords(rows: Int, columns: Int) -> Int {
        let eb = budget.elementBytes, width = geometry.outputWidth, busBytes = timing.busBytes
        let rowClasses = Self.classes(TileRanges(size: geometry.outputHeight, tile: rows)) { $0.lowerBound * width * eb % busBytes }
        let columnClasses = Self.classes(TileRanges(size: width, tile: columns)) { $0.lowerBound * eb % busBytes }
        return sum(rowClasses) { rowClass in
            sum(columnClasses) { columnClass in
                let transfer = DRAMRows(address: rowClass.offset + columnClass.offset, depth: 1, rows: rowClass.count,
                                        rowBytes: columnClass.count * eb, rowStride: width * eb, planeStride: 0,
                                        rowsAdjacent: true, planesAdjacent: true)
                return rowClass.tiles * columnClass.tiles * transfer.busWords(busBytes: busBytes)
            }
        }
    }

    /// The ranges grouped by length and `offset`, with how many fall in each group, in a fixed order.
    private static func classes(_ ranges: TileRanges, offset: (Range<Int>) -> Int) -> [(count: Int, offset: Int, tiles: Int)] {
        var tiles: [[Int]: Int] = [:]
        for range in ranges { tiles[[range.count, offset(range)], default: 0] += 1 }
        return tiles.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { (count: $0[0], offset: $0[1], tiles: tiles[$0]!) }
    }

    /// Whether the instructions can express `tile`: a folded layer's tile is one `GEMM` row of at
    /// most `KernelFold.maximumPixels` pixels.
    func admits(_ tile: TileShape) -> Bool {
        work.kernelFold == nil || tile.rows * tile.columns <= KernelFold.maximumPixels
    }

    /// The estimate of `tile`, or `nil` when the instructions cannot express it or its slots do not
    /// fit the budget.
    func estimate(_ tile: TileShape) -> TileEstimate? {
        guard admits(tile) else { return nil }
        let footprint = TileFootprint(work: work, tile: tile, budget: budget)
        guard footprint.fits(budget) else { return nil }
        return estimate(tile, footprint: footprint)
    }

    /// The estimate of `tile`, whose slots are `footprint`, whatever the budget's bytes: it depends
    /// on the budget only through the residence of the input and output and the element widths.
    func estimate(_ tile: TileShape, footprint: TileFootprint) -> TileEstimate {
        let counts = TileCounts(geometry: geometry, tile: tile, work: work)
        let traffic = loads(tile, counts)
        let dma = timing.dmaOverheadCycles
        let loadCycles = traffic.instructions * dma + timing.transferCycles(traffic.chargedBytes)
        let outputBytes = budget.outputResident ? 0 : geometry.outputChannels * geometry.outputHeight * geometry.outputWidth * budget.elementBytes * counts.copies
        let stores = budget.outputResident ? 0 : counts.outputTiles
        let storeWords = (storeWordCache[tile.rows << 20 | tile.columns] ?? 0) * geometry.outputChannels * counts.copies
        let storeCycles = stores * dma + timing.transferCycles(storeWords * timing.busBytes)
        let compute = computeCycles(tile, counts)
        let instructions = traffic.instructions + compute.instructions + stores
        let fetch = instructions * timing.fetchCyclesPerInstruction
        let fill = dma + timing.transferCycles(footprint.inputSlotBytes + footprint.weightSlotBytes)
        let lastStore = stores > 0 ? dma + timing.transferCycles(footprint.outputSlotBytes) : 0
        let cycles = if case .gemm(let gemm) = work, gemm.isDepthwiseConvolution {
            Self.flowCycles(load: loadCycles + depthwisePadFillExcess(tile), compute: compute.cycles, store: storeCycles, fetch: fetch,
                            firstLoad: depthwiseFirstLoad(footprint), lastStore: lastStore, tiles: counts.outputTiles,
                            tilesAfterLastLoad: Self.depthwiseTilesAfterLastLoad(tile, counts, inputResident: budget.residentInputs > 0))
        } else {
            max(loadCycles, compute.cycles, storeCycles, fetch) + fill + lastStore + compute.lastTile
        }
        return TileEstimate(cycles: cycles, dramBytes: traffic.bytes + outputBytes, instructions: instructions)
    }

    /// Load instructions and DRAM bytes read for the whole layer in the tile's loop order, and the
    /// bytes the load unit is charged for them: the same, but for a depthwise convolution's input,
    /// the bus words its rows touch.
    private func loads(_ tile: TileShape, _ counts: TileCounts) -> (instructions: Int, bytes: Int, chargedBytes: Int) {
        let eb = budget.elementBytes
        let loadedOperands = max(0, counts.operands - budget.residentInputs)
        let inputPass = geometry.inputChannels * validInputRows(tile) * validInputColumns(tile) * eb * loadedOperands * counts.copies
        let inputTiles = counts.loadedInputTiles(residentInputs: budget.residentInputs)
        guard case .gemm(let gemm) = work else {
            let tables = tableBytes > 0 ? 1 : 0
            return (inputTiles + tables, inputPass + tableBytes, inputPass + tableBytes)
        }
        let weights = geometry.outputChannels * gemm.reducedChannels * geometry.windowTaps * eb
        let parameters = geometry.outputChannels * PostInstruction.parameterRecordBytes
        let (m, c, s) = (counts.outputChannels, counts.inputChannels, counts.pixels)
        var inputLoads: (count: Int, passes: Int)
        var weightLoads: (count: Int, passes: Int)
        var parameterLoads: (count: Int, passes: Int)
        switch tile.order {
        case .pixelsOuter where gemm.depthwise:
            inputLoads = (s * m, 1)
            weightLoads = m == 1 ? (1, 1) : (s * m, s)
            parameterLoads = m == 1 ? (1, 1) : (s * m, s)
        case .outputsOuter where gemm.depthwise:
            // Each channel tile reads its own planes: the input passes once whatever the order.
            inputLoads = (s * m, 1)
            weightLoads = (m, 1)
            parameterLoads = (m, 1)
        case .pixelsOuter:
            inputLoads = c == 1 ? (s * counts.groups, 1) : (s * m * c, m / counts.groups)
            weightLoads = m == 1 && c == 1 ? (1, 1) : (s * m * c, s)
            parameterLoads = m == 1 ? (1, 1) : (s * m, s)
        case .outputsOuter:
            weightLoads = c == 1 ? (m, 1) : (m * s * c, s)
            parameterLoads = (m, 1)
            inputLoads = s == 1 && c == 1 ? (1, 1) : (m * s * c, m)
        }
        if budget.residentInputs > 0 { inputLoads = (0, 0) }
        if let fold = gemm.fold, counts.pixels * counts.inputChannels > 0 {
            inputLoads.count = inputLoads.count * planeLoadsPerPass(fold, tile) / (counts.pixels * counts.inputChannels)
        }
        let count = inputLoads.count + weightLoads.count + parameterLoads.count
        let constantBytes = weights * weightLoads.passes + parameters * parameterLoads.passes
        let bytes = inputPass * inputLoads.passes + constantBytes
        guard gemm.isDepthwiseConvolution, budget.residentInputs == 0 else { return (count, bytes, bytes) }
        return (count, bytes, Self.busWords(of: inputLoadCache[tile.rows << 20 | tile.columns] ?? []) * timing.busBytes + constantBytes)
    }

    /// The `LOAD`s that gather every plane of every pixel tile once (`KernelFold.loadCount`).
    private func planeLoadsPerPass(_ fold: KernelFold, _ tile: TileShape) -> Int {
        let rowTiles = TileRanges(size: geometry.outputHeight, tile: tile.rows).count
        return rowTiles * sum(TileRanges(size: geometry.outputWidth, tile: tile.columns)) { columns in
            sum(TileRanges(size: geometry.inputChannels, tile: tile.inputChannels)) { fold.loadCount(planes: $0, columns: columns) }
        }
    }

    private var tableBytes: Int {
        if case .elementwise(let elementwise) = work { return elementwise.table.count }
        return 0
    }

    /// Compute-unit cycles, instruction count, and the cost of the last output tile's
    /// post-processing (the pipeline drain).
    private func computeCycles(_ tile: TileShape, _ counts: TileCounts) -> (cycles: Int, instructions: Int, lastTile: Int) {
        let array = timing.config.array
        let pipeline = timing.config.costs.computePipelineCycles
        let lanes = timing.postLanes
        let pixelPasses = pixelPassCache[tile.rows << 20 | tile.columns] ?? 0
        let outputs = geometry.outputChannels * geometry.outputHeight * geometry.outputWidth * counts.copies
        let outputTiles = counts.outputTiles
        let lastTile = pipeline + (tile.outputChannels * tile.rows * tile.columns + lanes - 1) / lanes
        switch work {
        case .gemm(let gemm) where gemm.depthwise:
            let arrayLanes = array.depthwisePixelLanes
            let channelPasses = Self.passes(size: geometry.outputChannels, tile: tile.outputChannels, lanes: array.po)
            let rowTiles = rowTerms[tile.rows]?.tiles ?? [], columnTiles = columnTerms[tile.columns]?.tiles ?? []
            let tapPasses = geometry.windowTaps * sum(rowTiles) { r in sum(columnTiles) { c in (r * c + arrayLanes - 1) / arrayLanes } }
            let cycles = outputTiles * pipeline + channelPasses * tapPasses + outputTiles * pipeline
                + (outputs + lanes - 1) / lanes + outputTiles
            return (cycles, 2 * outputTiles, lastTile)
        case .gemm(let gemm) where gemm.fold != nil:
            let arrayLanes = array.depthwisePixelLanes
            let channelPasses = sum(TileRanges(size: geometry.outputChannels, tile: tile.outputChannels)) { ($0.count + array.po - 1) / array.po }
            let pixelTiles = (rowTerms[tile.rows]?.tiles ?? []).flatMap { r in (columnTerms[tile.columns]?.tiles ?? []).map { r * $0 } }
            let planePasses = geometry.inputChannels * sum(pixelTiles) { ($0 + arrayLanes - 1) / arrayLanes }
            let gemms = outputTiles * counts.inputChannels
            let cycles = gemms * pipeline + channelPasses * planePasses + outputTiles * pipeline + (outputs + lanes - 1) / lanes + outputTiles
            return (cycles, gemms + outputTiles, lastTile)
        case .gemm(let gemm):
            let channelPasses = gemm.groups * Self.passes(size: gemm.groupOutputChannels, tile: tile.outputChannels, lanes: array.po)
            let inputPasses = Self.passes(size: gemm.groupInputChannels, tile: tile.inputChannels, lanes: array.denseInputLanes(taps: geometry.windowTaps))
            let tapPasses = (geometry.windowTaps + array.pk - 1) / array.pk
            let gemms = outputTiles * counts.inputChannels
            let cycles = gemms * pipeline + channelPasses * inputPasses * tapPasses * pixelPasses
                + outputTiles * pipeline + (outputs + lanes - 1) / lanes + outputTiles
            return (cycles, gemms + outputTiles, lastTile)
        case .pool:
            let rowTiles = rowTerms[tile.rows]?.tiles ?? [], columnTiles = columnTerms[tile.columns]?.tiles ?? []
            let passes = sum(TileRanges(size: geometry.outputChannels, tile: tile.outputChannels)) { channels in
                sum(rowTiles) { r in sum(columnTiles) { c in timing.poolPasses(outputs: channels.count * r * c, windowTaps: geometry.windowTaps) } }
            }
            let instructions = outputTiles
            return (instructions * pipeline + passes + instructions, instructions, lastTile)
        case .elementwise, .add, .concat:
            let taps = outputs * geometry.windowTaps * counts.operands
            let instructions = outputTiles * counts.operands
            return (instructions * pipeline + (taps + lanes - 1) / lanes + instructions, instructions, lastTile)
        case .alias:
            return (0, 0, 0)
        }
    }

    /// `Σ ⌈count / lanes⌉` over the tiles `TileRanges(size:tile:)` cuts `size` into: the full
    /// tiles' passes, then the remainder's.
    static func passes(size: Int, tile: Int, lanes: Int) -> Int {
        size / tile * ((tile + lanes - 1) / lanes) + (size % tile + lanes - 1) / lanes
    }

    private func validInputRows(_ tile: TileShape) -> Int { rowTerms[tile.rows]?.validRows ?? 0 }

    private func validInputColumns(_ tile: TileShape) -> Int { columnTerms[tile.columns]?.validColumns ?? 0 }
}

/// `Σ f(x)` over a sequence.
func sum<S: Sequence>(_ sequence: S, _ term: (S.Element) -> Int) -> Int {
    sequence.reduce(0) { $0 + term($1) }
}

/// The length of the intersection of two ranges.
func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
    max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
}
