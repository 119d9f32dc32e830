import Accelerator
import Quantization

/// Add and Concat layers on `ADD`. An Add runs, per channel-and-pixel tile, for each input in turn
/// one load (into the ping-pong input slots) and one `ADD`: the first starts the partial sums, the
/// last writes the output. A Concat copies each input its producer did not write by address, tile
/// by tile, with a one-operand `ADD` into the input's channel slice of the output.
extension LayerLowering {
    mutating func lowerAdd(_ work: AddWork) throws {
        let channelTiles = Array(TileRanges(size: geometry.outputChannels, tile: tile.outputChannels))
        let pixels = pixelTiles()
        let context = context
        let last = work.operands.count - 1
        let result = AddResult(shift: work.shift, outputZeroPoint: work.outputZeroPoint, clamp: work.clamp)
        var first = true
        for (c, channels) in channelTiles.enumerated() {
            for (s, (rows, columns)) in pixels.enumerated() {
                for (operand, rescale) in work.operands.enumerated() {
                    stream.beginStep()
                    if first {
                        try fillOnChipBox()
                        first = false
                    }
                    let input = inputOperand(operand, channels: channels, rows: rows, columns: columns, key: [s, c, operand])
                    let tile = WindowedTile(channels: channels.count, rows: rows.count, columns: columns.count, input: input,
                                            destination: AddResult.unwritten)
                    guard operand == last else {
                        stream.compute(context.addInstruction(rescale, accumulate: operand > 0, result: nil, tile))
                        continue
                    }
                    emitOutput(channels: channels, rows: rows, columns: columns) { destination in
                        var written = tile
                        written.destination = destination
                        return context.addInstruction(rescale, accumulate: operand > 0, result: result, written)
                    }
                }
            }
        }
    }

    mutating func lowerConcat(_ work: ConcatWork) throws {
        let pixels = pixelTiles()
        let context = context
        let result = AddResult(shift: work.shift, outputZeroPoint: work.outputZeroPoint, clamp: work.clamp)
        var first = true
        for (position, copy) in work.copies.enumerated() {
            for (c, channels) in TileRanges(size: copy.channels, tile: tile.outputChannels).enumerated() {
                for (s, (rows, columns)) in pixels.enumerated() {
                    stream.beginStep()
                    if first {
                        try fillOnChipBox()
                        first = false
                    }
                    let input = inputOperand(copy.operand, channels: channels, rows: rows, columns: columns, key: [s, c, position])
                    let slice = (copy.channelOffset + channels.lowerBound)..<(copy.channelOffset + channels.upperBound)
                    emitOutput(channels: slice, rows: rows, columns: columns) { destination in
                        context.addInstruction(copy.rescale, accumulate: false, result: result, WindowedTile(
                            channels: channels.count, rows: rows.count, columns: columns.count, input: input,
                            destination: destination))
                    }
                }
            }
        }
    }
}

/// How the writing `ADD` of a tile turns the sum into stored values.
struct AddResult {
    var shift: Int
    var outputZeroPoint: Int32
    var clamp: ClosedRange<Int32>

    /// The destination of an `ADD` that leaves partial sums: all zero.
    static let unwritten = StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)
}

extension LoweringContext {
    /// The `ADD` of one operand over `tile`, adding to the partial sums when `accumulate`; it writes
    /// the tile as `result` says, or (without one) leaves partial sums and zeros in the fields only
    /// a writing `ADD` reads.
    func addInstruction(_ rescale: QuantizedRescale, accumulate: Bool, result: AddResult?, _ tile: WindowedTile) -> Instruction {
        .add(AddInstruction(
            layer: index, elementBytes: elementBytes, accumulate: accumulate, write: result != nil, inputAddress: tile.input.address,
            inputPlanePitch: tile.input.planePitch, inputRowPitch: tile.input.rowPitch, channels: tile.channels, rows: tile.rows,
            columns: tile.columns, accumulatorAddress: plan.accumulatorAddress, zeroPoint: rescale.zeroPoint,
            multiplier: Int(rescale.multiplier), shift: result?.shift ?? 0, outputZeroPoint: result?.outputZeroPoint ?? 0,
            clampLow: result?.clamp.lowerBound ?? 0, clampHigh: result?.clamp.upperBound ?? 0, destination: tile.destination))
    }
}
