@testable import Backend
import IR
import Testing
import TestSupport
import Accelerator
import Quantization

/// Each check of the verifier, on the small network on vta broken one decision at a time.
@Suite struct ScheduledProgramVerifierTests {
    /// The small network on vta after `stage`.
    static func program(after stage: BackendStage) throws -> ScheduledProgram {
        let initial = try ScheduledProgram(graph: SchedulingFixtures.smallNetwork(mode: .standard), config: SchedulingFixtures.target("vta"))
        return try BackendPipeline.standard.run(initial, verify: true, stopAfter: stage.rawValue)
    }

    /// `decision` with its labels, decided as `value` (undecided for `nil`).
    static func replaced<Value>(_ decision: Decision<Value>, with value: Value?) -> Decision<Value> {
        var fresh = Decision<Value>(decision.subject, of: decision.layer, by: decision.stage)
        if let value { fresh.decide(value) }
        return fresh
    }

    private func expectFailure(_ program: ScheduledProgram, _ expected: BackendError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try ScheduledProgramVerifier.verify(program) }
    }

    @Test func stagesMustRunInPipelineOrder() throws {
        var program = try Self.program(after: .tile)
        program.completedStages = [.tile, .residency]
        expectFailure(program, .invalidSchedule(layer: nil, stage: "residency", detail: "ran stages [\"tile\", \"residency\"] out of pipeline order"))
    }

    @Test func aCompletedStageLeavesNoDecisionOpen() throws {
        var program = try Self.program(after: .tile)
        program.layers[0].tiling = Self.replaced(program.layers[0].tiling, with: nil)
        expectFailure(program, .invalidSchedule(layer: "conv1", stage: "tile", detail: "lacks the tiling"))
        #expect(BackendError.invalidSchedule(layer: "conv1", stage: "tile", detail: "lacks the tiling").errorDescription
                == "after stage 'tile', layer 'conv1' lacks the tiling")
    }

    @Test func aValueReadOnChipMustBeKeptThereByItsProducer() throws {
        var program = try Self.program(after: .residency)
        program.layers[0].output.residence = Self.replaced(program.layers[0].output.residence, with: .dram)
        expectFailure(program, .invalidSchedule(layer: "pool1", stage: "residency",
                                                detail: "reads 'conv1' on chip, but its producer does not keep it there"))
    }

    /// The residual fixture (4 channels of 4×4) on vta after `stage`: `a` is kept on chip for `b`,
    /// `res` and `sum`, in a box at 0x7f70.
    static func residual(after stage: BackendStage) throws -> ScheduledProgram {
        let initial = try ScheduledProgram(graph: MultiInputGraphs.residual(mode: .standard, channels: 4, size: 4),
                                           config: SchedulingFixtures.target("vta"))
        return try BackendPipeline.standard.run(initial, verify: true, stopAfter: stage.rawValue)
    }

    @Test func everyReaderOfAValueKeptOnChipReadsItThere() throws {
        var program = try Self.residual(after: .residency)
        program.layers[3].inputs[2].residence = Self.replaced(program.layers[3].inputs[2].residence, with: .dram)
        expectFailure(program, .invalidSchedule(layer: "a", stage: "residency", detail: "keeps 'a' on chip, but layer 'sum' loads it from DRAM"))
    }

    /// `res` reads the skip value `a` one element past the interior `a` wrote.
    @Test func aReaderReadsItsOwnBoxInsideTheValuesBox() throws {
        var program = try Self.residual(after: .allocate)
        var read = try program.layers[2].inputs[1].sramTensor.value
        #expect(read == (try program.layers[0].output.sramTensor.value))
        read.address += 1
        program.layers[2].inputs[1].sramTensor = Self.replaced(program.layers[2].inputs[1].sramTensor, with: read)
        let error = #expect(throws: BackendError.self) { try ScheduledProgramVerifier.verify(program) }
        guard case .invalidSchedule(let layer, let stage, let detail)? = error else { return }
        #expect(layer == "res" && stage == "allocate")
        #expect(detail.hasPrefix("reads 'a' on chip as ") && detail.hasSuffix("inside the box at 0x7f70"), "\(detail)")
    }

    @Test func tilesStayWithinTheLayer() throws {
        var program = try Self.program(after: .tile)
        var choice = try program.layers[1].tiling.value
        choice.shape.rows = 4
        program.layers[1].tiling = Self.replaced(program.layers[1].tiling, with: choice)
        expectFailure(program, .invalidSchedule(layer: "pool1", stage: "tile", detail: "has a tile of 4 rows, outside 1...3"))
    }

    /// The table moved onto fc's weights (576..<864): 256 bytes from 0x240 overlap them.
    @Test func dramRegionsDoNotOverlap() throws {
        var program = try Self.program(after: .placeDRAM)
        program.layers[2].constants = Self.replaced(program.layers[2].constants, with: .table(address: 576))
        expectFailure(program, .invalidSchedule(layer: nil, stage: "place-dram",
                                                detail: "puts the weights of 'fc' at 0x240..<0x360 over the table of 'act' at 0x240..<0x340 in DRAM"))
    }

    /// The 72-byte input at 960 reaches past 1000 bytes.
    @Test func dramRegionsStayInsideTheProgramsDRAM() throws {
        var program = try Self.program(after: .placeDRAM)
        var layout = try program.dram.value
        layout.bytes = 1000
        program.dram = Self.replaced(program.dram, with: layout)
        expectFailure(program, .invalidSchedule(layer: nil, stage: "place-dram",
                                                detail: "puts input 'x' at 0x3c0..<0x408, outside the program's 1000 bytes of DRAM"))
    }

    /// conv1's input slot moved up against the pool's box at 0x7ee0..<0x8000.
    @Test func inputSlotsStayClearOfValuesOnChip() throws {
        var program = try Self.program(after: .allocate)
        var plan = try program.layers[0].buffers.value
        plan.inputSlots = [0x7ee0 - 16]
        program.layers[0].buffers = Self.replaced(program.layers[0].buffers, with: plan)
        let slotEnd = String(0x7ee0 - 16 + plan.inputSlotBytes, radix: 16)
        expectFailure(program, .invalidSchedule(layer: "conv1", stage: "allocate",
                                                detail: "puts the on-chip output 'conv1' at 0x7ee0..<0x8000 over input slot 0 at 0x7ed0..<0x\(slotEnd) in the input buffer"))
    }

    @Test func instructionRangesAreContiguous() throws {
        var program = try Self.program(after: .lower)
        let range = try program.layers[1].instructions.value
        program.layers[1].instructions = Self.replaced(program.layers[1].instructions, with: (range.lowerBound + 1)..<range.upperBound)
        let end = try program.instructions.value.count - 1
        expectFailure(program, .invalidSchedule(layer: "pool1", stage: "lower",
                                                detail: "has instructions \(range.lowerBound + 1)..<\(range.upperBound), expected from \(range.lowerBound) and before END at \(end)"))
    }

    @Test func layersAreTimedWithinTheStream() throws {
        var program = try Self.program(after: .check)
        let total = try program.totalCycles.value
        program.totalCycles = Self.replaced(program.totalCycles, with: 1)
        let sum = try program.layers.map { try $0.modeledCycles.value }.reduce(0, +)
        #expect(sum <= total)
        expectFailure(program, .invalidSchedule(layer: nil, stage: "check",
                                                detail: "has layers modeled at \(sum) cycles in all, more than the 1 cycles of the whole stream"))
    }
}
