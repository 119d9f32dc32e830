import Accelerator

/// Emits every layer's instructions in layer order, with the token protocol inside each layer and
/// a barrier between layers, and ends the stream with `END`.
struct LoweringPass: BackendPass {
    var stage: BackendStage { .lower }

    /// The stream is allocated once, at its final size, and each layer writes its instructions
    /// straight into it: a first round records every layer's steps only to count its instructions
    /// (recording is cheap next to holding them). A stream grown by appending is copied into ever
    /// larger buffers, and per-layer arrays copied into it are a second copy (vta's ZFNet has 865,465
    /// instructions of about 180 bytes).
    func run(_ program: inout ScheduledProgram) throws {
        let emitting = program.layers.indices.filter { program.layers[$0].work.geometry != nil }
        let barriers = program.layers.indices.map { index in
            (after: emitting.contains { $0 < index }, before: emitting.contains { $0 > index })
        }
        let count = try program.layers.indices.reduce(1) { count, index in
            guard var lowering = try LayerLowering(program: program, index: index) else { return count }
            return count + (try lowering.lower().instructionCount(afterLayer: barriers[index].after, beforeLayer: barriers[index].before))
        }
        let constants = 0..<(try program.dram.value.constants.count)
        let prefetches = try program.prefetchesConstants()
        var instructions: [Instruction] = []
        instructions.reserveCapacity(count)
        for index in program.layers.indices {
            let start = instructions.count
            if var lowering = try LayerLowering(program: program, index: index) {
                try lowering.lower().append(to: &instructions, afterLayer: barriers[index].after, beforeLayer: barriers[index].before,
                                            prefetchable: prefetches[index] ? constants : 0..<0)
            }
            program.layers[index].instructions.decide(start..<instructions.count)
        }
        instructions.append(.end(layer: max(0, program.layers.count - 1)))
        program.instructions.decide(instructions)
    }
}
