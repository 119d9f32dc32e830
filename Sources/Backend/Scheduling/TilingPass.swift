import Accelerator

/// Chooses every layer's tiling with `TileSearch` under the SRAM budget residency left it, and
/// refuses a target whose buffers cannot hold even the smallest tile of some layer.
struct TilingPass: BackendPass {
    /// Where a sweep keeps the search's tables between configs; `nil` searches afresh.
    var memo: BackendMemo?

    var stage: BackendStage { .tile }

    func run(_ program: inout ScheduledProgram) throws {
        let timing = TimingModel(config: program.config)
        for index in program.layers.indices where program.layers[index].work.geometry != nil {
            let budget = try program.budget(forLayer: index)
            guard let best = TileSearch.best(layer: index, of: program, timing: timing, budget: budget, memo: memo) else {
                throw BackendError.layerDoesNotFit(layer: program.layers[index].layer.name, target: program.config.name,
                                                   reason: smallestTileNeeds(program.layers[index].work, budget))
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
