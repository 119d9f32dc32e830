import Accelerator

/// Checks a scheduled program against what each completed stage promises, and that no decision
/// exists before its stage ran: the stages ran in pipeline order; `residency` placed every operand
/// and keeps a value on chip only from its producer to its last reader when every reader reads it
/// there and its box takes at most half of the input buffer;
/// `tile` gave every layer with a geometry a tile within its extents that fits its budget;
/// `place-dram` put every DRAM region inside the program's DRAM without overlap; `allocate` put
/// every slot inside its buffer, clear of the other slots and of the values live on chip; `lower`
/// left contiguous instruction ranges that cover the stream up to its `END`; `check` timed every
/// layer. Throws `BackendError.invalidSchedule` naming the stage, the layer and the numbers.
public struct ScheduledProgramVerifier {
    let program: ScheduledProgram

    /// Verifies `program` after its last completed stage.
    public static func verify(_ program: ScheduledProgram) throws {
        let verifier = ScheduledProgramVerifier(program: program)
        try verifier.checkStageOrder()
        for stage in BackendStage.allCases {
            let completed = program.completedStages.contains(stage)
            try verifier.checkDecisions(of: stage, made: completed)
            guard completed else { continue }
            switch stage {
            case .residency: try verifier.checkResidency()
            case .tile: try verifier.checkTiles()
            case .placeDRAM: try verifier.checkDRAM()
            case .allocate: try verifier.checkSRAM()
            case .lower: try verifier.checkStream()
            case .check: try verifier.checkTiming()
            }
        }
    }

    /// An invariant of `stage` that `layer` (or the program) breaks.
    func failure(_ stage: BackendStage, _ layer: ScheduledLayer?, _ detail: String) -> BackendError {
        .invalidSchedule(layer: layer?.layer.name, stage: stage.rawValue, detail: detail)
    }

    private func checkStageOrder() throws {
        let stages = program.completedStages
        guard stages == Array(BackendStage.allCases.prefix(stages.count)) else {
            throw BackendError.invalidSchedule(layer: nil, stage: stages.last?.rawValue ?? "none",
                                               detail: "ran stages \(stages.map(\.rawValue)) out of pipeline order")
        }
    }

    /// Every decision of `stage` is made when it ran (where it applies) and absent when it did not.
    private func checkDecisions(of stage: BackendStage, made completed: Bool) throws {
        switch stage {
        case .residency:
            for layer in program.layers {
                for operand in layer.inputs + [layer.output] { try expect(operand.residence, made: completed) }
            }
        case .tile:
            for layer in program.layers { try expect(layer.tiling, made: completed && layer.work.geometry != nil) }
        case .placeDRAM:
            try expect(program.dram, made: completed)
            for layer in program.layers {
                try expect(layer.constants, made: completed && layer.constantBytes > 0)
                for operand in layer.inputs + [layer.output] {
                    try expect(operand.dramTensor, made: completed && operand.residence.ifDecided == .dram)
                }
            }
        case .allocate:
            for layer in program.layers {
                try expect(layer.buffers, made: completed && layer.work.geometry != nil)
                for operand in layer.inputs + [layer.output] {
                    try expect(operand.sramTensor, made: completed && operand.residence.ifDecided == .onChip)
                }
            }
        case .lower:
            try expect(program.instructions, made: completed)
            for layer in program.layers { try expect(layer.instructions, made: completed) }
        case .check:
            try expect(program.totalCycles, made: completed)
            for layer in program.layers { try expect(layer.modeledCycles, made: completed) }
        }
    }

    private func expect<Value>(_ decision: Decision<Value>, made: Bool) throws {
        guard decision.isDecided != made else { return }
        let detail = made ? "lacks \(decision.subject)"
            : "already has \(decision.subject), which stage '\(decision.stage.rawValue)' decides and which has not run"
        throw BackendError.invalidSchedule(layer: decision.layer, stage: program.completedStages.last?.rawValue ?? "none", detail: detail)
    }

    private func checkResidency() throws {
        let graphOutputs = Set(program.graph.outputs.map(\.value))
        let inputBuffer = program.config.buffer(.input)?.bytes ?? 0
        for (index, layer) in program.layers.enumerated() {
            for operand in layer.inputs where try operand.isOnChip {
                guard let producer = program.layers[..<index].lastIndex(where: { $0.layer.output == operand.value }),
                      try program.layers[producer].output.isOnChip else {
                    throw failure(.residency, layer, "reads '\(operand.value)' on chip, but its producer does not keep it there")
                }
            }
            guard try layer.output.isOnChip else { continue }
            let name = layer.output.value
            guard !graphOutputs.contains(name) else {
                throw failure(.residency, layer, "keeps '\(name)' on chip, but it is a graph output")
            }
            guard let value = OnChipValue(program: program, producer: index) else {
                throw failure(.residency, layer, "keeps '\(name)' on chip, but a layer that reads it cannot read it there")
            }
            for reader in value.readers {
                for operand in program.layers[reader].inputs where try operand.value == name && !operand.isOnChip {
                    throw failure(.residency, layer, "keeps '\(name)' on chip, but layer '\(program.layers[reader].layer.name)' loads it from DRAM")
                }
            }
            guard value.bytes * 2 <= inputBuffer else {
                throw failure(.residency, layer, "keeps '\(name)' on chip in \(value.bytes) bytes, more than half the \(inputBuffer)-byte input buffer")
            }
        }
    }

    private func checkTiles() throws {
        for (index, layer) in program.layers.enumerated() {
            guard let geometry = layer.work.geometry else { continue }
            let tile = try layer.tiling.value.shape
            let isGemm: Bool = { if case .gemm = layer.work { return true } else { return false } }()
            var extents = [("output channels", tile.outputChannels, geometry.outputChannels),
                           ("rows", tile.rows, geometry.outputHeight), ("columns", tile.columns, geometry.outputWidth)]
            if isGemm { extents.append(("input channels", tile.inputChannels, geometry.inputChannels)) }
            for (name, size, extent) in extents where size < 1 || size > extent {
                throw failure(.tile, layer, "has a tile of \(size) \(name), outside 1...\(extent)")
            }
            guard isGemm || tile.inputChannels == tile.outputChannels else {
                throw failure(.tile, layer, "has a tile of \(tile.inputChannels) input and \(tile.outputChannels) output channels; it reads the channels it writes")
            }
            let budget = try program.budget(forLayer: index)
            guard TileFootprint(work: layer.work, tile: tile, budget: budget).fits(budget) else {
                throw failure(.tile, layer, "has a tile \(TilingDescription.text(tile, geometry: geometry)) that does not fit its budget "
                              + "(input \(budget.inputBytes), weight \(budget.weightBytes), accumulator \(budget.accumulatorBytes), output \(budget.outputBytes) bytes)")
            }
        }
    }

    private func checkTiming() throws {
        let total = try program.totalCycles.value
        var sum = 0
        for layer in program.layers {
            let cycles = try layer.modeledCycles.value
            guard cycles >= 0 else { throw failure(.check, layer, "has \(cycles) modeled cycles") }
            sum += cycles
        }
        guard sum <= total else {
            throw failure(.check, nil, "has layers modeled at \(sum) cycles in all, more than the \(total) cycles of the whole stream")
        }
    }

    private func checkStream() throws {
        let instructions = try program.instructions.value
        guard case .end(let endLayer)? = instructions.last, endLayer == max(0, program.layers.count - 1) else {
            throw failure(.lower, nil, "has a stream of \(instructions.count) instructions that does not end with END of the last layer")
        }
        var next = 0
        for (index, layer) in program.layers.enumerated() {
            let range = try layer.instructions.value
            guard range.lowerBound == next, range.upperBound < instructions.count else {
                throw failure(.lower, layer, "has instructions \(range.lowerBound)..<\(range.upperBound), expected from \(next) and before END at \(instructions.count - 1)")
            }
            guard range.isEmpty == (layer.work.geometry == nil) else {
                throw failure(.lower, layer, "has \(range.count) instructions; a layer has some exactly when it has a geometry")
            }
            if let stray = range.first(where: { instructions[$0].layer != index }) {
                throw failure(.lower, layer, "has instruction \(stray) of layer \(instructions[stray].layer) in its range \(range.lowerBound)..<\(range.upperBound)")
            }
            next = range.upperBound
        }
        guard next == instructions.count - 1 else {
            throw failure(.lower, nil, "has instructions \(next)..<\(instructions.count - 1) before END that belong to no layer")
        }
    }
}
