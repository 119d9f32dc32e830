import Accelerator
import IR
import Quantization

/// Chooses every layer's tiling with `TileSearch` under the SRAM budget residency left it, and
/// refuses a target whose buffers cannot hold even the smallest tile of some layer.
struct TilingPass: BackendPass {
    /// Where a sweep keeps the search's tables between configs; `nil` searches afresh.
    var memo: BackendMemo?

    var stage: BackendStage { .tile }

    /// The layers' searches are independent (each reads its own work and budget, and the budgets
    /// depend on the residency stage alone), so they run on every processor; the first layer in
    /// order that fits no tiling is the one refused.
    func run(_ program: inout ScheduledProgram) throws {
        let timing = TimingModel(config: program.config)
        let layers = program.layers.indices.filter { program.layers[$0].work.geometry != nil }
        guard !layers.isEmpty else { return }
        let layout = try OnChipLayout(program: program)
        let budgets = layers.map { program.budget(forLayer: $0, layout: layout) }
        let (searched, memo) = (program, memo)
        let choices = ParallelMap.map(count: layers.count) { position in
            TileSearch.best(layer: layers[position], of: searched, timing: timing, budget: budgets[position], memo: memo)
        }
        for (position, index) in layers.enumerated() {
            guard let best = choices[position] else {
                throw BackendError.layerDoesNotFit(layer: program.layers[index].layer.name, target: program.config.name,
                                                   reason: smallestTileNeeds(program.layers[index].work, budgets[position]))
            }
            program.layers[index].tiling.decide(TileChoice(shape: best.tile, estimatedCycles: best.estimate.cycles))
        }
    }

    /// What the smallest tile (one array-width of channels, one row, one column) needs, against
    /// the budget, buffer by buffer.
    private func smallestTileNeeds(_ work: LayerWork, _ budget: LayerBudget) -> String {
        let tile = TileShape(outputChannels: 1, inputChannels: 1, rows: 1, columns: 1, order: .pixelsOuter)
        let footprint = TileFootprint(work: work, tile: tile, budget: budget)
        let needs = [
            ("input", footprint.inputSlotBytes * footprint.inputSlots, budget.inputBytes),
            ("weight", footprint.weightSlotBytes * footprint.weightSlots + footprint.parameterSlotBytes * footprint.parameterSlots
                + footprint.tableBytes, budget.weightBytes),
            ("accumulator", footprint.accumulatorBytes, budget.accumulatorBytes),
            ("output", footprint.outputSlotBytes * footprint.outputSlots, budget.outputBytes),
        ]
        let short = needs.filter { $0.1 > $0.2 }.map { "the \($0.0) buffer needs \($0.1) bytes for the smallest tile, has \($0.2)" }
        return short.isEmpty ? "no tiling fits its buffers" : short.joined(separator: "; ")
    }
}
