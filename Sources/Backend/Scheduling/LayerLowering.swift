import Accelerator

/// Lowers one scheduled layer to its steps: for every tile, the loads it needs (skipped when the
/// slot already holds the tile), the compute instructions, and the output's post-processing and
/// store. `LayerStream` adds the tokens.
struct LayerLowering {
    let context: LoweringContext
    var stream: LayerStream

    init?(program: ScheduledProgram, index: Int) throws {
        guard let context = try LoweringContext(program: program, index: index) else { return nil }
        self.context = context
        stream = LayerStream(layer: index)
    }

    var layer: ScheduledLayer { context.layer }
    var geometry: PlaneGeometry { context.geometry }
    var tile: TileShape { context.tile }
    var plan: BufferPlan { context.plan }
    var program: ScheduledProgram { context.program }
    var index: Int { context.index }
    var elementBytes: Int { context.program.elementBytes }

    /// The layer's steps, which make its instructions.
    mutating func lower() throws -> LayerStream {
        switch layer.work {
        case .gemm(let gemm):
            if let gate = gemm.gate { try lowerProduct(gemm, gate) } else { try lowerGemm(gemm) }
        case .pool(let pool):
            let context = context
            if let uneven = pool.unevenTaps {
                try lowerUnevenPool(pool, uneven)
            } else {
                try lowerWindowed { context.poolInstruction(pool, $0) }
            }
        case .elementwise(let elementwise):
            let context = context
            let tableAddress = elementwise.table.isEmpty ? nil : try layer.tableAddress()
            try lowerWindowed(tableAddress: tableAddress) { context.aluInstruction(elementwise, $0) }
        case .add(let add): try lowerAdd(add)
        case .concat(let concat): try lowerConcat(concat)
        case .alias: break
        }
        return stream
    }

    /// The output tiles in loop order.
    func pixelTiles() -> [(rows: Range<Int>, columns: Range<Int>)] {
        TileRanges(size: geometry.outputHeight, tile: tile.rows).flatMap { rows in
            TileRanges(size: geometry.outputWidth, tile: tile.columns).map { (rows, $0) }
        }
    }

    /// Input `operand` (the first unless said) of a tile: loaded into an input slot, or read from the
    /// on-chip box.
    mutating func inputOperand(_ operand: Int = 0, channels: Range<Int>, rows: Range<Int>, columns: Range<Int>, key: [Int])
        -> (address: Int, planePitch: Int, rowPitch: Int) {
        let boxRows = geometry.inputRows(forOutput: rows), boxColumns = geometry.inputColumns(forOutput: columns)
        switch context.inputs[operand] {
        case .onChip(let box):
            let offset = channels.lowerBound * box.planePitch + boxRows.lowerBound * box.rowPitch + boxColumns.lowerBound
            return (box.address + offset * elementBytes, box.planePitch, box.rowPitch)
        case .dram(let source):
            let context = context
            let address = stream.slot(.input, key: key, addresses: plan.inputSlots) { slot in
                context.inputLoad(from: source, channels: channels, boxRows: boxRows, boxColumns: boxColumns, slot: slot)
            }
            return (address, boxRows.count * boxColumns.count, boxColumns.count)
        }
    }

    /// Where output tile (channels, rows, columns) goes: into the next layer's on-chip box, or into
    /// an output slot that a store then drains to DRAM.
    mutating func emitOutput(channels: Range<Int>, rows: Range<Int>, columns: Range<Int>,
                             _ make: (StridedDestination) -> Instruction) {
        let target = outputTarget(channels: channels, rows: rows, columns: columns)
        finishOutput(make(target.destination), store: target.store)
    }

    /// Where output tile (channels, rows, columns) is written, and the store that drains it when it
    /// goes through an output slot.
    func outputTarget(channels: Range<Int>, rows: Range<Int>, columns: Range<Int>)
        -> (destination: StridedDestination, store: StoreInstruction?) {
        let target: DRAMTensor
        switch context.output {
        case .onChip(let onChip):
            let offset = channels.lowerBound * onChip.planePitch + rows.lowerBound * onChip.rowPitch + columns.lowerBound
            return (StridedDestination(buffer: .input, address: onChip.address + offset * elementBytes, planePitch: onChip.planePitch,
                                       rowPitch: onChip.rowPitch), nil)
        case .dram(let tensor):
            target = tensor
        }
        let slot = stream.outputSlot(plan.outputSlots)
        let plane = geometry.outputHeight * geometry.outputWidth
        let (firstPlane, planeStep) = storedPlanes(channels)
        let first = firstPlane * plane + rows.lowerBound * geometry.outputWidth + columns.lowerBound
        let store = StoreInstruction(layer: index, elementBytes: elementBytes, sramAddress: slot,
                                     dramAddress: target.address + first * elementBytes, depth: channels.count,
                                     rows: rows.count, columns: columns.count, dramPlaneStride: planeStep * plane * elementBytes,
                                     dramRowStride: geometry.outputWidth * elementBytes)
        return (StridedDestination(buffer: .output, address: slot, planePitch: rows.count * columns.count, rowPitch: columns.count),
                store)
    }

    /// The DRAM plane of the output's first channel of `channels` and the planes between
    /// consecutive channels: `channels` itself and 1, or, for an output stored channel-shuffled
    /// (`ChannelShuffles`), planes `groups` apart inside one block of the shuffle.
    func storedPlanes(_ channels: Range<Int>) -> (first: Int, step: Int) {
        guard let layout = program.shuffledLayout(ofOutput: layer) else { return (channels.lowerBound, 1) }
        precondition(channels.isEmpty || channels.lowerBound / layout.blockChannels == (channels.upperBound - 1) / layout.blockChannels,
                     "output channels \(channels) of '\(layer.layer.name)' cross a block of its channel shuffle")
        return (layout.plane(ofChannel: channels.lowerBound), layout.groups)
    }

    /// The instruction that writes an output tile (the last of its step), with its store.
    mutating func finishOutput(_ instruction: Instruction, store: StoreInstruction?) {
        if let store { stream.output(instruction, store: store) } else { stream.compute(instruction) }
    }

    /// When the output stays on chip in a padded box (a reader pads), a load fills the whole box
    /// with the pad value before the first output tile lands inside it.
    mutating func fillOnChipBox() throws {
        guard case .onChip = context.output, let value = try OnChipLayout(program: program).value(producedBy: index),
              value.isPadded else { return }
        let box = value.box
        let (rows, columns) = (value.boxHeight, value.boxWidth)
        stream.preload(LoadInstruction(
            layer: index, buffer: .input, elementBytes: elementBytes, dramAddress: 0, sramAddress: box.address,
            depth: value.channels, rows: 0, columns: 0, dramPlaneStride: 0, dramRowStride: 0,
            padTop: min(rows, 255), padBottom: rows - min(rows, 255), padLeft: min(columns, 255),
            padRight: columns - min(columns, 255), padValue: value.padValue))
    }
}
