import Accelerator

/// What a scheduled program's instruction sizes, order and tokens — so its modeled cycles and its
/// counts — depend on once `allocate` has run: the PE array, DRAM interface and instruction costs,
/// and every layer's tiling, the residence of its operands and whether its first constants are
/// prefetched (which moves them before the barrier). Addresses do not enter: the timing model and
/// the token protocol see sizes and order only. Two programs of one graph with the same
/// shape lower to streams that differ in addresses alone, so a design-space sweep lowers and
/// times one of them.
public struct TimingShape: Hashable, Sendable {
    struct Layer: Hashable, Sendable {
        var tile: TileShape?
        var inputs: [Residence]
        var output: Residence
        var prefetchesConstants: Bool
    }

    let array: PEArray
    let dram: DRAMInterface
    let costs: InstructionCosts
    let layers: [Layer]
}

extension ScheduledProgram {
    /// The program's timing shape; throws `BackendError.undecided` before `allocate`.
    public var timingShape: TimingShape {
        get throws {
            let prefetches = try prefetchesConstants()
            return TimingShape(array: config.array, dram: config.dram, costs: config.costs, layers: try layers.indices.map { index in
                let layer = layers[index]
                return TimingShape.Layer(tile: layer.tiling.ifDecided?.shape, inputs: try layer.inputs.map { try $0.residence.value },
                                         output: try layer.output.residence.value, prefetchesConstants: prefetches[index])
            })
        }
    }
}
