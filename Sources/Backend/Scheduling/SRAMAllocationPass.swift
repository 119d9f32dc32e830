import Accelerator

/// Gives every value kept on chip and every layer's slots an SRAM address. A value kept on chip
/// is live from its producer's first write to its last reader's last read, so it keeps its box in
/// the input buffer across those layers (`OnChipLayout` places it): the producer writes the box's
/// interior and each reader reads its own padded input box inside it. Each layer's input slots take
/// the largest range of the input buffer free of the values live while it runs; its other slots
/// start at address 0 of their buffers.
struct SRAMAllocationPass: BackendPass {
    var stage: BackendStage { .allocate }

    func run(_ program: inout ScheduledProgram) throws {
        let layout = try OnChipLayout(program: program)
        for value in layout.values { place(value, in: &program) }
        for index in program.layers.indices where program.layers[index].work.geometry != nil {
            let tile = try program.layers[index].tiling.value.shape
            let budget = program.budget(forLayer: index, layout: layout)
            let slots = layout.slotRange(at: index)
            let footprint = TileFootprint(work: program.layers[index].work, tile: tile, budget: budget)
            guard footprint.inputBytes <= slots.count else {
                throw BackendError.layerDoesNotFit(
                    layer: program.layers[index].layer.name, target: program.config.name,
                    reason: "input slots of \(footprint.inputSlots) × \(footprint.inputSlotBytes) bytes do not fit between the on-chip values (\(slots.count) bytes free)")
            }
            program.layers[index].buffers.decide(BufferPlan(footprint: footprint, inputBase: slots.lowerBound))
        }
    }

    /// The producer's output as the box's interior, and each reader's operands of the value as the
    /// reader's padded input box inside it.
    private func place(_ value: OnChipValue, in program: inout ScheduledProgram) {
        program.layers[value.producer].output.sramTensor.decide(value.interior)
        for reader in value.readers {
            guard let geometry = program.layers[reader].work.geometry else { continue }
            for operand in program.layers[reader].inputs.indices where program.layers[reader].inputs[operand].value == value.name {
                program.layers[reader].inputs[operand].sramTensor.decide(value.view(forReader: geometry))
            }
        }
    }
}
