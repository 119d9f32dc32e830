import Accelerator

/// Gives every layer's slots and every value kept on chip an SRAM address. A value kept on chip is
/// live from its producer's first write to its consumer's last read, so it occupies one end of the
/// input buffer across those two layers: the consumer's own on-chip output goes to the other end,
/// and the producer's input slots take the space between.
struct SRAMAllocationPass: BackendPass {
    var stage: BackendStage { .allocate }

    func run(_ program: inout ScheduledProgram) throws {
        let inputBuffer = program.config.buffer(.input)?.bytes ?? 0
        for index in program.layers.indices where program.layers[index].work.geometry != nil {
            let tile = try program.layers[index].tiling.value.shape
            let budget = try program.budget(forLayer: index)
            var low = 0, high = inputBuffer
            let input = program.layers[index].inputs[0]
            let inputBox = try input.isOnChip ? try input.sramTensor.value : nil
            if let inputBox {
                if inputBox.address == 0 { low = program.onChipBytes(readBy: index) } else { high = inputBox.address }
            }
            if try program.layers[index].output.isOnChip {
                let bytes = program.onChipBytes(readBy: index + 1)
                let atBottom = inputBox.map { $0.address != 0 } ?? false
                let address = atBottom ? low : (high - bytes) / TileFootprint.alignment * TileFootprint.alignment
                if atBottom { low += bytes } else { high = address }
                try place(boxAt: address, producer: index, in: &program)
            }
            let footprint = TileFootprint(work: program.layers[index].work, tile: tile, budget: budget)
            guard low + footprint.inputSlots * footprint.inputSlotBytes <= high else {
                throw BackendError.layerDoesNotFit(
                    layer: program.layers[index].layer.name, target: program.config.name,
                    reason: "input slots of \(footprint.inputSlots) × \(footprint.inputSlotBytes) bytes do not fit between the on-chip values (\(high - low) bytes free)")
            }
            program.layers[index].buffers.decide(BufferPlan(footprint: footprint, inputBase: low))
        }
    }

    /// Places the consumer's padded input box at `address` as the consumer's input, and the
    /// producer's output as the box's interior (the consumer's padding stays around it).
    private func place(boxAt address: Int, producer index: Int, in program: inout ScheduledProgram) throws {
        guard let box = program.onChipBox(readBy: index + 1, address: address), let geometry = program.layers[index + 1].work.geometry else {
            throw BackendError.invalidSchedule(layer: program.layers[index].layer.name, stage: stage.rawValue,
                                               detail: "keeps its output on chip for a next layer that runs no instructions")
        }
        program.layers[index + 1].inputs[0].sramTensor.decide(box)
        let interior = box.address + (geometry.padTop * box.rowPitch + geometry.padLeft) * box.elementBytes
        program.layers[index].output.sramTensor.decide(SRAMTensor(
            buffer: .input, address: interior, planePitch: box.planePitch, rowPitch: box.rowPitch,
            dims: program.layers[index].output.dims, elementBytes: box.elementBytes))
    }
}
