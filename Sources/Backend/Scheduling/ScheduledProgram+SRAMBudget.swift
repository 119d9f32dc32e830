import Accelerator

/// The SRAM each layer may give its slots once the values kept on chip around it are set aside. A
/// value kept on chip is read by the next layer, from its whole padded input box in the input
/// buffer.
extension ScheduledProgram {
    /// The budget of layer `index` under the residence decided for its input and output.
    func budget(forLayer index: Int) throws -> LayerBudget {
        let layer = layers[index]
        return budget(forLayer: index, inputOnChip: try layer.inputs[0].isOnChip, outputOnChip: try layer.output.isOnChip)
    }

    /// The budget of layer `index` were its input and output kept on chip as given.
    func budget(forLayer index: Int, inputOnChip: Bool, outputOnChip: Bool) -> LayerBudget {
        let resident = (inputOnChip ? onChipBytes(readBy: index) : 0) + (outputOnChip ? onChipBytes(readBy: index + 1) : 0)
        return LayerBudget(inputBytes: (config.buffer(.input)?.bytes ?? 0) - resident,
                           weightBytes: config.buffer(.weight)?.bytes ?? 0,
                           accumulatorBytes: config.buffer(.accumulator)?.bytes ?? 0,
                           outputBytes: config.buffer(.output)?.bytes ?? 0,
                           elementBytes: elementBytes, accumulatorEntryBytes: accumulatorBytes,
                           inputResident: inputOnChip, outputResident: outputOnChip)
    }

    /// Bytes a value kept on chip for layer `reader` occupies: that layer's whole padded input box.
    func onChipBytes(readBy reader: Int) -> Int {
        guard let box = onChipBox(readBy: reader, address: 0) else { return 0 }
        return TileFootprint.aligned(LayerClassifier.planes(box.dims).channels * box.planePitch * box.elementBytes)
    }

    /// The padded input box of layer `reader` at `address` in the input buffer; `nil` for a layer
    /// without a geometry.
    func onChipBox(readBy reader: Int, address: Int) -> SRAMTensor? {
        guard let geometry = layers[reader].work.geometry else { return nil }
        return SRAMTensor(buffer: .input, address: address, planePitch: geometry.paddedHeight * geometry.paddedWidth,
                          rowPitch: geometry.paddedWidth, dims: layers[reader].inputs[0].dims, elementBytes: elementBytes)
    }
}
