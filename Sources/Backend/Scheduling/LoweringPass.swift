import Accelerator

/// Emits every layer's instructions in layer order, with the token protocol inside each layer and
/// a barrier between layers, and ends the stream with `END`.
struct LoweringPass: BackendPass {
    var name: String { "lower" }

    func run(_ program: inout ScheduledProgram) throws {
        let emitting = program.layers.indices.filter { program.layers[$0].work.geometry != nil }
        var instructions: [Instruction] = []
        for index in program.layers.indices {
            let start = instructions.count
            if var lowering = LayerLowering(program: program, index: index) {
                instructions += lowering.lower(afterLayer: emitting.first! < index, beforeLayer: emitting.last! > index)
            }
            program.layers[index].instructions = start..<instructions.count
        }
        instructions.append(.end(layer: max(0, program.layers.count - 1)))
        program.instructions = instructions
    }
}
