import Accelerator

/// Checks a scheduled program against what each completed stage promises, and that no decision
/// exists before its stage ran: the stages ran in pipeline order; `residency` placed every operand
/// and keeps a value on chip only between a layer and its only reader, the next layer;
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
        let readers = Dictionary(program.layers.flatMap(\.layer.inputs).map { ($0, 1) }, uniquingKeysWith: +)
        let graphOutputs = Set(program.graph.outputs.map(\.value))
        let inputBuffer = program.config.buffer(.input)?.bytes ?? 0
        for (index, layer) in program.layers.enumerated() {
            for (position, operand) in layer.inputs.enumerated() {
                guard try operand.isOnChip else { continue }
                let previous = index > 0 ? program.layers[index - 1] : nil
                guard position == 0, layer.inputs.count == 1, let previous, previous.output.value == operand.value,
                      try previous.output.isOnChip else {
                    throw failure(.residency, layer, "reads '\(operand.value)' on chip, but the previous layer does not keep it there")
                }
            }
            guard try layer.output.isOnChip else { continue }
            let value = layer.output.value
            guard layer.work.geometry != nil, index + 1 < program.layers.count, program.layers[index + 1].work.geometry != nil,
                  program.layers[index + 1].inputs.map(\.value) == [value], try program.layers[index + 1].inputs[0].isOnChip else {
                throw failure(.residency, layer, "keeps '\(value)' on chip, but the next layer does not read it from there")
            }
            guard readers[value] == 1 else {
                throw failure(.residency, layer, "keeps '\(value)' on chip, but \(readers[value] ?? 0) layers read it")
            }
            guard !graphOutputs.contains(value) else {
                throw failure(.residency, layer, "keeps '\(value)' on chip, but it is a graph output")
            }
            let bytes = program.onChipBytes(readBy: index + 1)
            guard bytes * 2 <= inputBuffer else {
                throw failure(.residency, layer, "keeps '\(value)' on chip in \(bytes) bytes, more than half the \(inputBuffer)-byte input buffer")
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
