import Accelerator

/// Gives every value kept on chip and every layer's slots an SRAM address. A value kept on chip
/// is live from its producer's first write to its last reader's last read, so it keeps its box in
/// the input buffer across those layers (`OnChipLayout` places it): the producer writes the box's
/// interior and each reader reads its own padded input box inside it. Each layer's input slots take
/// the largest range of the input buffer free of the values live while it runs. Its weight,
/// parameter and table slots take the other end of the weight buffer from the previous layer's
/// where both fit, so that the load unit can bring its first constants while that layer still
/// computes (`LayerStream`, "prefetch"); otherwise they start at 0, as its other slots do.
struct SRAMAllocationPass: BackendPass {
    var stage: BackendStage { .allocate }

    func run(_ program: inout ScheduledProgram) throws {
        let layout = try OnChipLayout(program: program)
        for value in layout.values { place(value, in: &program) }
        let weightBufferBytes = program.config.buffer(.weight)?.bytes ?? 0
        var previousWeights = 0..<0
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
            let weightBase = Self.weightBase(bytes: footprint.weightBytes, besides: previousWeights, in: weightBufferBytes)
            let plan = BufferPlan(footprint: footprint, inputBase: slots.lowerBound, weightBase: weightBase)
            program.layers[index].buffers.decide(plan)
            previousWeights = plan.weightBufferRange
        }
    }

    /// Where `bytes` of weight-buffer slots start: at the end of the buffer away from `previous`
    /// (the previous layer's slots) when they fit there beside it, else at 0.
    static func weightBase(bytes: Int, besides previous: Range<Int>, in capacity: Int) -> Int {
        let top = (capacity - bytes) / TileFootprint.alignment * TileFootprint.alignment
        guard bytes > 0, !previous.isEmpty, previous.lowerBound == 0, previous.upperBound <= top else { return 0 }
        return top
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
