import Accelerator

/// Add layers: per channel-and-pixel tile, for each input in turn one load (into the ping-pong
/// input slots) and one `ADD`; the first starts the partial sums, the last writes the output.
extension LayerLowering {
    mutating func lowerAdd(_ work: AddWork) throws {
        let channelTiles = Array(TileRanges(size: geometry.outputChannels, tile: tile.outputChannels))
        let pixels = pixelTiles()
        let context = context
        var first = true
        for (c, channels) in channelTiles.enumerated() {
            for (s, (rows, columns)) in pixels.enumerated() {
                for operand in work.operands.indices {
                    stream.beginStep()
                    if first {
                        try fillNextLayerBox()
                        first = false
                    }
                    let input = inputOperand(operand, channels: channels, rows: rows, columns: columns, key: [s, c, operand])
                    let tile = WindowedTile(channels: channels.count, rows: rows.count, columns: columns.count, input: input,
                                            destination: AddWork.unwritten)
                    guard operand == work.operands.count - 1 else {
                        stream.compute(context.addInstruction(work, operand: operand, tile))
                        continue
                    }
                    emitOutput(channels: channels, rows: rows, columns: columns) { destination in
                        var written = tile
                        written.destination = destination
                        return context.addInstruction(work, operand: operand, written)
                    }
                }
            }
        }
    }
}

extension LoweringContext {
    /// The `ADD` of input `operand` over `tile`: the last input's writes the tile, the others leave
    /// partial sums (and zeros in the fields only a writing `ADD` reads).
    func addInstruction(_ work: AddWork, operand: Int, _ tile: WindowedTile) -> Instruction {
        let writes = operand == work.operands.count - 1
        return .add(AddInstruction(
            layer: index, elementBytes: elementBytes, accumulate: operand > 0, write: writes, inputAddress: tile.input.address,
            inputPlanePitch: tile.input.planePitch, inputRowPitch: tile.input.rowPitch, channels: tile.channels, rows: tile.rows,
            columns: tile.columns, accumulatorAddress: plan.accumulatorAddress, zeroPoint: work.operands[operand].zeroPoint,
            multiplier: Int(work.operands[operand].multiplier), shift: writes ? work.shift : 0,
            outputZeroPoint: writes ? work.outputZeroPoint : 0, clampLow: writes ? work.clamp.lowerBound : 0,
            clampHigh: writes ? work.clamp.upperBound : 0, destination: tile.destination))
    }
}

extension AddWork {
    /// The destination of an `ADD` that leaves partial sums: all zero.
    static let unwritten = StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)
}
