import Accelerator
import Cosimulation
import Foundation
import Quantization
import RTL
import Runtime
import Testing

/// Issue #13's instruction-level random tests: for each `InstructionKind`, programs of random
/// shapes, fields and DRAM contents run on the Swift model and on the RTL under Verilator (one
/// simulator build per config, shared by every program), every DRAM byte compared (and, but for
/// `sync`, the output-buffer region the `STORE`s read, on chip), and the RTL's cycles within the
/// tolerance docs/ISA.md ("The reference RTL") gives for them.
/// `VGGC_RANDOM_RTL_SEEDS=N` runs N seeds per kind (2 by default).
@Suite(.serialized)
struct InstructionProgramGeneratorTests {
    static let seedsPerKind = ProcessInfo.processInfo.environment["VGGC_RANDOM_RTL_SEEDS"].flatMap { Int($0) } ?? 2

    @Test func aSeedGivesOneProgram() throws {
        var generator = try InstructionProgramGenerator(config: InstructionProgram.config)
        for kind in InstructionKind.allCases {
            let first = try generator.program(kind, seed: 7)
            #expect(first == (try generator.program(kind, seed: 7)), "\(kind)")
            #expect(first != (try generator.program(kind, seed: 8)), "\(kind)")
        }
    }

    @Test func aConfigWithATinyBufferIsRefused() {
        var config = InstructionProgram.config
        config.buffers[3].bytes = 512
        #expect(throws: CosimulationError.bufferTooSmall(buffer: "output", bytes: 512, needed: 1024)) {
            try InstructionProgramGenerator(config: config)
        }
    }

    /// On `InstructionProgram`'s 8-bit config and on its `de1soc-q10` twin.
    @Test(arguments: [ArithmeticMode.standard, .de1socQ10])
    func everyKindMatchesTheModel(arithmetic: ArithmeticMode) throws {
        let config = arithmetic == .standard ? InstructionProgram.config : InstructionProgram.wideConfig
        let build = try SimulatorBuild.make(try RTLBundle(config: config), cache: InstructionProgram.cache) { _ in }
        var generator = try InstructionProgramGenerator(config: config)
        for kind in InstructionKind.allCases {
            for seed in 0..<UInt64(Self.seedsPerKind) {
                let generated = try generator.program(kind, seed: seed)
                let model = try AcceleratorModel(program: generated.program, config: config)
                let report = try Cosimulation.run(model, input: generated.input, build: build) { _ in }
                let name = "\(arithmetic.rawValue) \(kind.rawValue) seed \(seed)"
                #expect(report.identical, "\(name): \(report.firstDifference ?? "")")
                #expect(report.onChipLayers == (kind == .sync ? [] : ["\(kind.rawValue) on chip"]), "\(name)")
                let tolerance = Self.cycleTolerance(generated.program, config: config, modelCycles: report.modelCycles)
                #expect((-report.modelCycles / 10...tolerance).contains(report.rtlCycles - report.modelCycles),
                        "\(name): RTL \(report.rtlCycles) cycles, model \(report.modelCycles), tolerance \(tolerance)")
            }
        }
    }

    /// docs/ISA.md, "The reference RTL": on these small programs the RTL may take longer than the
    /// model by the fetch of the whole stream (`1 + latency` cycles, then `64/busBytes` cycles per
    /// instruction, which the model does not charge), the pad fill of each padded `LOAD` (its box at
    /// one bus word a cycle, free in the model), and 10 % of the model's cycles (DMA rows not aligned
    /// to the bus, the depthwise and `POOL` pass counts); it is never more than
    /// 10 % faster.
    static func cycleTolerance(_ program: AcceleratorProgram, config: HardwareConfig, modelCycles: Int) -> Int {
        let busBytes = config.dram.busWidthBits / 8
        let fetch = 1 + config.dram.latencyCycles + program.instructions.count * Instruction.encodedBytes / busBytes
        let fill = program.instructions.reduce(0) { total, instruction in
            guard case .load(let load) = instruction, load.sramBytes > load.dramBytes else { return total }
            return total + load.sramBytes / busBytes
        }
        return fetch + fill + modelCycles / 10
    }
}
