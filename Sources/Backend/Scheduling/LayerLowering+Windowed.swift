import Accelerator

/// Pooling and elementwise layers: per channel-and-pixel tile, one load (unless the input is on
/// chip), one `POOL` or `ALU`, and the output.
extension LayerLowering {
    /// Lowers the layer tile by tile, loading the table at `tableAddress` in DRAM first when there
    /// is one.
    mutating func lowerWindowed(tableAddress: Int? = nil, _ make: (WindowedTile) -> Instruction) throws {
        let channelTiles = Array(TileRanges(size: geometry.outputChannels, tile: tile.outputChannels))
        let pixels = pixelTiles()
        var first = true
        for (c, channels) in channelTiles.enumerated() {
            for (s, (rows, columns)) in pixels.enumerated() {
                stream.beginStep()
                if first {
                    try fillOnChipBox()
                    if let tableAddress { loadTable(from: tableAddress) }
                    first = false
                }
                let input = inputOperand(channels: channels, rows: rows, columns: columns, key: [s, c])
                emitOutput(channels: channels, rows: rows, columns: columns) { destination in
                    make(WindowedTile(channels: channels.count, rows: rows.count, columns: columns.count, input: input,
                                      destination: destination))
                }
            }
        }
    }

    /// The elementwise table, once, from `tableAddress` in DRAM into the weight buffer.
    private mutating func loadTable(from tableAddress: Int) {
        guard case .elementwise(let work) = layer.work else { return }
        let elementBytes = work.operation == .lookupTable ? 1 : 4
        let columns = work.table.count / elementBytes
        let index = index
        _ = stream.slot(.table, key: [0], addresses: [plan.tableAddress]) { slot in
            LoadInstruction(layer: index, buffer: .weight, elementBytes: elementBytes, dramAddress: tableAddress,
                            sramAddress: slot, depth: 1, rows: 1, columns: columns, dramPlaneStride: work.table.count,
                            dramRowStride: work.table.count)
        }
    }
}

extension LoweringContext {
    func poolInstruction(_ work: PoolWork, _ tile: WindowedTile) -> Instruction {
        .pool(PoolInstruction(
            layer: index, elementBytes: elementBytes, kind: work.kind, inputAddress: tile.input.address,
            inputPlanePitch: tile.input.planePitch, inputRowPitch: tile.input.rowPitch, channels: tile.channels,
            outputRows: tile.rows, outputColumns: tile.columns, kernelHeight: geometry.kernelHeight,
            kernelWidth: geometry.kernelWidth, strideHeight: geometry.strideHeight, strideWidth: geometry.strideWidth,
            inputZeroPoint: work.inputZeroPoint, outputZeroPoint: work.outputZeroPoint,
            multiplier: work.reciprocal.multiplier, shift: work.reciprocal.shift, clampLow: work.clamp.lowerBound,
            clampHigh: work.clamp.upperBound, destination: tile.destination))
    }

    func aluInstruction(_ work: ElementwiseWork, _ tile: WindowedTile) -> Instruction {
        .alu(ALUInstruction(
            layer: index, elementBytes: elementBytes, operation: work.operation, inputAddress: tile.input.address,
            inputPlanePitch: tile.input.planePitch, inputRowPitch: tile.input.rowPitch, channels: tile.channels,
            rows: tile.rows, columns: tile.columns, tableAddress: work.table.isEmpty ? 0 : plan.tableAddress,
            clampLow: work.clamp.lowerBound, clampHigh: work.clamp.upperBound, destination: tile.destination))
    }
}

/// One pooling or elementwise tile: its size, where its input is, where its output goes.
struct WindowedTile {
    var channels: Int
    var rows: Int
    var columns: Int
    var input: (address: Int, planePitch: Int, rowPitch: Int)
    var destination: StridedDestination
}

extension LayerLowering {
    /// An average pool whose windows count different numbers of taps: per tile, one `POOL` per
    /// block of output rows and columns with one count, each with that count's reciprocal.
    mutating func lowerUnevenPool(_ work: PoolWork, _ uneven: UnevenTaps) throws {
        let context = context
        var first = true
        for (c, channels) in TileRanges(size: geometry.outputChannels, tile: tile.outputChannels).enumerated() {
            for (s, (rows, columns)) in pixelTiles().enumerated() {
                stream.beginStep()
                if first {
                    try fillOnChipBox()
                    first = false
                }
                let input = inputOperand(channels: channels, rows: rows, columns: columns, key: [s, c])
                let target = outputTarget(channels: channels, rows: rows, columns: columns)
                let blocks = UnevenTaps.runs(rows, uneven.rowCounts).flatMap { rowRun in
                    UnevenTaps.runs(columns, uneven.columnCounts).map { (rowRun, $0) }
                }
                for (position, (blockRows, blockColumns)) in blocks.enumerated() {
                    var block = work
                    block.reciprocal = uneven.reciprocal(rows: uneven.rowCounts[blockRows.lowerBound],
                                                         columns: uneven.columnCounts[blockColumns.lowerBound])
                    let (y, x) = (blockRows.lowerBound - rows.lowerBound, blockColumns.lowerBound - columns.lowerBound)
                    let inputOffset = y * geometry.strideHeight * input.rowPitch + x * geometry.strideWidth
                    var destination = target.destination
                    destination.address += (y * destination.rowPitch + x) * elementBytes
                    let instruction = context.poolInstruction(block, WindowedTile(
                        channels: channels.count, rows: blockRows.count, columns: blockColumns.count,
                        input: (input.address + inputOffset * elementBytes, input.planePitch, input.rowPitch), destination: destination))
                    if position == blocks.count - 1 {
                        finishOutput(instruction, store: target.store)
                    } else {
                        stream.compute(instruction)
                    }
                }
            }
        }
    }
}
