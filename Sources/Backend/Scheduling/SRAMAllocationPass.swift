import Accelerator

/// Gives every layer's slots and every value kept on chip an SRAM address. A value kept on chip is
/// live from its producer's first write to its consumer's last read, so it occupies one end of the
/// input buffer across those two layers: the consumer's own on-chip output goes to the other end,
/// and the producer's input slots take the space between.
struct SRAMAllocationPass: BackendPass {
    var name: String { "allocate" }

    func run(_ program: inout ScheduledProgram) throws {
        let inputBuffer = program.config.buffer(.input)?.bytes ?? 0
        for index in program.layers.indices {
            guard let tile = program.layers[index].tile else { continue }
            let budget = program.budget(forLayer: index)
            var low = 0, high = inputBuffer
            if let input = program.layers[index].inputOnChip {
                if input.address == 0 { low = program.residentBytes(input) } else { high = input.address }
            }
            if var box = program.layers[index].outputOnChip {
                let bytes = program.residentBytes(box)
                let atBottom = program.layers[index].inputOnChip.map { $0.address != 0 } ?? false
                box.address = atBottom ? low : (high - bytes) / TileFootprint.alignment * TileFootprint.alignment
                if atBottom { low += bytes } else { high = box.address }
                try place(box, producer: index, in: &program)
            }
            let footprint = TileFootprint(work: program.layers[index].work, tile: tile, budget: budget)
            guard low + footprint.inputSlots * footprint.inputSlotBytes <= high else {
                throw BackendError.layerDoesNotFit(
                    layer: program.layers[index].layer.name, target: program.config.name,
                    reason: "input slots of \(footprint.inputSlots) × \(footprint.inputSlotBytes) bytes do not fit between the on-chip values (\(high - low) bytes free)")
            }
            program.layers[index].buffers = BufferPlan(footprint: footprint, inputBase: low)
        }
    }

    /// Records the box at its address as the consumer's input, and the producer's output as the
    /// box's interior (the consumer's padding stays around it).
    private func place(_ box: SRAMTensor, producer index: Int, in program: inout ScheduledProgram) throws {
        guard let geometry = program.layers[index + 1].work.geometry else { return }
        program.layers[index + 1].inputOnChip = box
        let interior = box.address + (geometry.padTop * box.rowPitch + geometry.padLeft) * box.elementBytes
        program.layers[index].outputOnChip = SRAMTensor(buffer: .input, address: interior, planePitch: box.planePitch,
                                                        rowPitch: box.rowPitch, dims: program.layers[index].layer.dims,
                                                        elementBytes: box.elementBytes)
    }
}
