import Accelerator

/// Checks the lowered stream before anything is written: every instruction encodes (each field
/// fits its width), touches only bytes inside its buffers and inside DRAM, and the stream runs to
/// the end without deadlock. Then times it on the pipeline timeline: each layer's modeled cycles
/// run from the end of the previous layer's last instruction to the end of its own.
struct StreamCheckPass: BackendPass {
    var name: String { "check" }

    func run(_ program: inout ScheduledProgram) throws {
        let names = program.layerNames
        for (position, instruction) in program.instructions.enumerated() {
            let layer = instruction.layerName(in: names)
            do { _ = try instruction.encoded() } catch let AcceleratorError.fieldOutOfRange(mnemonic, field, value, bits, _) {
                throw BackendError.layerDoesNotFit(layer: layer, target: program.config.name,
                                                   reason: "instruction \(position) (\(mnemonic)): \(field) = \(value) needs more than \(bits) bits")
            }
            for access in instruction.memoryAccesses where !access.bytes.isEmpty {
                let limit = size(of: access.space, program)
                guard access.bytes.lowerBound >= 0, access.bytes.upperBound <= limit else {
                    throw AcceleratorError.outOfBounds(instruction: position, mnemonic: instruction.mnemonic, layer: layer,
                                                   space: describe(access.space), range: access.bytes, size: limit)
                }
            }
        }
        let timeline = try PipelineTimeline.schedule(program.instructions, timing: TimingModel(config: program.config),
                                                     layerNames: names)
        var previousEnd = 0
        program.modeledCycles = program.layers.map { layer in
            let end = layer.instructions.map { timeline.events[$0].end }.max() ?? previousEnd
            defer { previousEnd = max(previousEnd, end) }
            return max(0, end - previousEnd)
        }
        program.totalCycles = timeline.totalCycles
    }

    private func size(of space: MemoryAccess.Space, _ program: ScheduledProgram) -> Int {
        switch space {
        case .dram: return program.dramBytes
        case .sram(let role): return program.config.buffer(role)?.bytes ?? 0
        }
    }

    private func describe(_ space: MemoryAccess.Space) -> String {
        switch space {
        case .dram: return "DRAM"
        case .sram(let role): return "the \(role.rawValue) buffer"
        }
    }
}
