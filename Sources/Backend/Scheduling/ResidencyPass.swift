import Accelerator

/// Keeps a layer's output on chip when the next layer is its only reader: the producer's
/// post-processing writes straight into the input buffer, inside the consumer's padded input box,
/// so the value never goes to DRAM and back. Applied, layer by layer, when the box takes at most
/// half of the input buffer, both layers still tile, and the pair's estimated cycles do not grow.
/// A Concat whose producers write into its output by address, and a convolution whose kernel is
/// folded (its loads gather planes from DRAM), keep their inputs in DRAM. Every other value
/// lives in DRAM.
struct ResidencyPass: BackendPass {
    /// Where a sweep keeps the tile search's tables between configs; `nil` searches afresh.
    var memo: BackendMemo?

    var stage: BackendStage { .residency }

    func run(_ program: inout ScheduledProgram) throws {
        let timing = TimingModel(config: program.config)
        let readers = readerCounts(program)
        let graphOutputs = Set(program.graph.outputs.map(\.value))
        let inputBuffer = program.config.buffer(.input)?.bytes ?? 0
        var kept = Array(repeating: false, count: program.layers.count)
        for index in program.layers.indices.dropLast() {
            let producer = program.layers[index], consumer = program.layers[index + 1]
            guard producer.work.geometry != nil, consumer.work.geometry != nil,
                  consumer.layer.inputs == [producer.layer.output], readers[producer.layer.output] == 1, consumer.work.kernelFold == nil,
                  !graphOutputs.contains(producer.layer.output), !producer.layer.inputs.contains(where: program.slices.isSlice),
                  program.onChipBytes(readBy: index + 1) * 2 <= inputBuffer else { continue }
            var candidate = kept
            candidate[index] = true
            guard let with = pairCycles(program, index, candidate, timing), let without = pairCycles(program, index, kept, timing),
                  with <= without else { continue }
            kept = candidate
        }
        for index in program.layers.indices {
            for operand in program.layers[index].inputs.indices {
                program.layers[index].inputs[operand].residence.decide(index > 0 && kept[index - 1] ? .onChip : .dram)
            }
            program.layers[index].output.residence.decide(kept[index] ? .onChip : .dram)
        }
    }

    /// Estimated cycles of layers `index` and `index + 1` with the outputs `kept` on chip, or `nil`
    /// when one does not tile.
    private func pairCycles(_ program: ScheduledProgram, _ index: Int, _ kept: [Bool], _ timing: TimingModel) -> Int? {
        var total = 0
        for layer in [index, index + 1] {
            let budget = program.budget(forLayer: layer, inputOnChip: layer > 0 && kept[layer - 1], outputOnChip: kept[layer])
            guard let best = TileSearch.best(layer: layer, of: program, timing: timing, budget: budget, memo: memo) else { return nil }
            total += best.estimate.cycles
        }
        return total
    }

    private func readerCounts(_ program: ScheduledProgram) -> [String: Int] {
        var counts: [String: Int] = [:]
        for layer in program.layers {
            for input in layer.layer.inputs { counts[input, default: 0] += 1 }
        }
        return counts
    }
}
