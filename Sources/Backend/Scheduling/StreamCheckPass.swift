import Accelerator

/// Checks the lowered stream before anything is written: every instruction encodes (each field
/// fits its width), touches only bytes inside its buffers and inside DRAM, and the stream runs to
/// the end without deadlock. Then times it on the pipeline timeline: each layer's modeled cycles
/// run from the end of the previous layer's last instruction to the end of its own.
struct StreamCheckPass: BackendPass {
    /// Where a sweep keeps the instructions already found to encode; `nil` checks every one.
    var memo: BackendMemo?

    var stage: BackendStage { .check }

    func run(_ program: inout ScheduledProgram) throws {
        let names = program.layerNames
        let instructions = try program.instructions.value
        let dramBytes = try program.dram.value.bytes
        for (position, instruction) in instructions.enumerated() {
            let layer = instruction.layerName(in: names)
            do {
                if let memo { try memo.checkEncodes(instruction) } else { _ = try instruction.encoded() }
            } catch let AcceleratorError.fieldOutOfRange(mnemonic, field, value, bits, _) {
                throw BackendError.layerDoesNotFit(layer: layer, target: program.config.name,
                                                   reason: "instruction \(position) (\(mnemonic)): \(field) = \(value) needs more than \(bits) bits")
            }
            for access in instruction.memoryAccesses where !access.bytes.isEmpty {
                let limit = size(of: access.space, program.config, dramBytes: dramBytes)
                guard access.bytes.lowerBound >= 0, access.bytes.upperBound <= limit else {
                    throw AcceleratorError.outOfBounds(instruction: position, mnemonic: instruction.mnemonic, layer: layer,
                                                   space: describe(access.space), range: access.bytes, size: limit)
                }
            }
        }
        let timeline = try PipelineTimeline.schedule(instructions, timing: TimingModel(config: program.config), layerNames: names)
        var previousEnd = 0
        for index in program.layers.indices {
            let end = try program.layers[index].instructions.value.map { timeline.events[$0].end }.max() ?? previousEnd
            program.layers[index].modeledCycles.decide(max(0, end - previousEnd))
            previousEnd = max(previousEnd, end)
        }
        program.totalCycles.decide(timeline.totalCycles)
    }

    private func size(of space: MemoryAccess.Space, _ config: HardwareConfig, dramBytes: Int) -> Int {
        switch space {
        case .dram: return dramBytes
        case .sram(let role): return config.buffer(role)?.bytes ?? 0
        }
    }

    private func describe(_ space: MemoryAccess.Space) -> String {
        switch space {
        case .dram: return "DRAM"
        case .sram(let role): return "the \(role.rawValue) buffer"
        }
    }
}
