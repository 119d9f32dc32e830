import Accelerator

/// The SRAM each layer may give its slots once the values kept on chip around it are set aside
/// (`OnChipLayout`).
extension ScheduledProgram {
    /// The budget of layer `index` under the residences decided.
    func budget(forLayer index: Int) throws -> LayerBudget {
        budget(forLayer: index, layout: try OnChipLayout(program: self))
    }

    /// The budget of layer `index` were the values of `layout` kept on chip: its input slots get
    /// the largest range of the input buffer free of the values live while it runs.
    func budget(forLayer index: Int, layout: OnChipLayout) -> LayerBudget {
        LayerBudget(inputBytes: layout.slotRange(at: index).count,
                    weightBytes: config.buffer(.weight)?.bytes ?? 0,
                    accumulatorBytes: config.buffer(.accumulator)?.bytes ?? 0,
                    outputBytes: config.buffer(.output)?.bytes ?? 0,
                    elementBytes: elementBytes, accumulatorEntryBytes: accumulatorBytes,
                    residentInputs: layers[index].layer.inputs.filter(layout.keeps).count,
                    outputResident: layout.value(producedBy: index) != nil)
    }
}
