import Accelerator

/// Keeps a layer's output on chip when the next layer is its only reader: the producer's
/// post-processing writes straight into the input buffer, inside the consumer's padded input box,
/// so the value never goes to DRAM and back. Applied, layer by layer, when the box takes at most
/// half of the input buffer, both layers still tile, and the pair's estimated cycles do not grow.
struct ResidencyPass: BackendPass {
    var name: String { "residency" }

    func run(_ program: inout ScheduledProgram) throws {
        let timing = TimingModel(config: program.config)
        let readers = readerCounts(program)
        let graphOutputs = Set(program.graph.outputs.map(\.value))
        let inputBuffer = program.config.buffer(.input)?.bytes ?? 0
        for index in program.layers.indices.dropLast() {
            let producer = program.layers[index], consumer = program.layers[index + 1]
            guard producer.work.geometry != nil, let geometry = consumer.work.geometry,
                  consumer.layer.inputs == [producer.layer.output], readers[producer.layer.output] == 1,
                  !graphOutputs.contains(producer.layer.output) else { continue }
            let box = SRAMTensor(buffer: .input, address: 0, planePitch: geometry.paddedHeight * geometry.paddedWidth,
                                 rowPitch: geometry.paddedWidth, dims: consumer.inputDims, elementBytes: program.elementBytes)
            guard program.residentBytes(box) * 2 <= inputBuffer else { continue }
            var candidate = program
            candidate.layers[index].outputOnChip = box
            candidate.layers[index + 1].inputOnChip = box
            guard let with = pairCycles(candidate, index, timing), let without = pairCycles(program, index, timing),
                  with <= without else { continue }
            program = candidate
        }
    }

    /// Estimated cycles of layers `index` and `index + 1` under their budgets, or `nil` when one
    /// does not tile.
    private func pairCycles(_ program: ScheduledProgram, _ index: Int, _ timing: TimingModel) -> Int? {
        var total = 0
        for layer in [index, index + 1] {
            guard let best = TileSearch.best(work: program.layers[layer].work, timing: timing,
                                             budget: program.budget(forLayer: layer)) else { return nil }
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
