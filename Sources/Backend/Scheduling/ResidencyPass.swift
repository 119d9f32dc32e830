import Accelerator

/// Keeps layer outputs on chip from their producer to their last reader: the producer's
/// post-processing writes straight into a box in the input buffer, every reader (the next layer, a
/// later Add across a skip, a later strided convolution) reads it from there, and the value never
/// goes to DRAM and back. Decided value by value in producer order (`OnChipValue` says which
/// values may stay, `OnChipLayout` where): a value stays when its box takes at most half of the
/// input buffer, there is room for it beside the values already kept, every layer from its
/// producer to its last reader still tiles, and their estimated cycles together do not grow. A
/// Concat whose producers write into its output by address, and a convolution whose kernel is
/// folded (its loads gather planes from DRAM), keep their inputs in DRAM. Every other value lives
/// in DRAM.
struct ResidencyPass: BackendPass {
    /// Where a sweep keeps the tile search's tables between configs; `nil` searches afresh.
    var memo: BackendMemo?

    var stage: BackendStage { .residency }

    func run(_ program: inout ScheduledProgram) throws {
        let timing = TimingModel(config: program.config)
        var layout = OnChipLayout(inputBuffer: program.config.buffer(.input)?.bytes ?? 0)
        for index in program.layers.indices {
            guard let value = OnChipValue(program: program, producer: index), let candidate = layout.placing(value) else { continue }
            let span = value.producer...value.lastReader
            guard let with = cycles(program, span, candidate, timing), let without = cycles(program, span, layout, timing),
                  with <= without else { continue }
            layout = candidate
        }
        for index in program.layers.indices {
            for operand in program.layers[index].inputs.indices {
                let kept = layout.keeps(program.layers[index].inputs[operand].value)
                program.layers[index].inputs[operand].residence.decide(kept ? .onChip : .dram)
            }
            program.layers[index].output.residence.decide(layout.value(producedBy: index) == nil ? .dram : .onChip)
        }
    }

    /// Estimated cycles of the layers `span` with the values of `layout` on chip, or `nil` when one
    /// of them does not tile.
    private func cycles(_ program: ScheduledProgram, _ span: ClosedRange<Int>, _ layout: OnChipLayout, _ timing: TimingModel) -> Int? {
        var total = 0
        for layer in span where program.layers[layer].work.geometry != nil {
            let budget = program.budget(forLayer: layer, layout: layout)
            guard let best = TileSearch.best(layer: layer, of: program, timing: timing, budget: budget, memo: memo) else { return nil }
            total += best.estimate.cycles
        }
        return total
    }
}
