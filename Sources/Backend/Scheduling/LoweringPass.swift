import Accelerator

/// Emits every layer's instructions in layer order, with the token protocol inside each layer and
/// a barrier between layers, and ends the stream with `END`.
struct LoweringPass: BackendPass {
    var stage: BackendStage { .lower }

    func run(_ program: inout ScheduledProgram) throws {
        let emitting = program.layers.indices.filter { program.layers[$0].work.geometry != nil }
        var instructions: [Instruction] = []
        for index in program.layers.indices {
            let start = instructions.count
            if var lowering = try LayerLowering(program: program, index: index) {
                instructions += try lowering.lower(afterLayer: emitting.contains { $0 < index },
                                                   beforeLayer: emitting.contains { $0 > index })
            }
            program.layers[index].instructions.decide(start..<instructions.count)
        }
        instructions.append(.end(layer: max(0, program.layers.count - 1)))
        program.instructions.decide(instructions)
    }
}
