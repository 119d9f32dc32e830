import Accelerator
import Cosimulation
import Foundation
import RTL
import Runtime
import Testing

/// Issue #13's instruction-level random tests: for each `InstructionKind`, programs of random
/// shapes, fields and DRAM contents run on the Swift model and on the RTL under Verilator (one
/// simulator build per config, shared by every program), every DRAM byte compared (and, but for
/// `sync`, the output-buffer region the `STORE`s read, on chip), and the RTL's cycles within 5 % of
/// the timing model's (docs/ISA.md, "The reference RTL").
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

    /// On `InstructionProgram`'s 8-bit config, on its `de1soc-q10` twin, and on the 8-bit array with
    /// four and six memory ports (zc706's and zcu102's DRAM bandwidth and bus).
    @Test(arguments: InstructionProgram.Setup.allCases)
    func everyKindMatchesTheModel(setup: InstructionProgram.Setup) throws {
        let config = setup.config
        let build = try SimulatorBuild.make(try RTLBundle(config: config), cache: InstructionProgram.cache) { _ in }
        var generator = try InstructionProgramGenerator(config: config)
        for kind in InstructionKind.allCases {
            for seed in 0..<UInt64(Self.seedsPerKind) {
                let generated = try generator.program(kind, seed: seed)
                let model = try AcceleratorModel(program: generated.program, config: config)
                let report = try Cosimulation.run(model, input: generated.input, build: build) { _ in }
                let name = "\(setup.rawValue) \(kind.rawValue) seed \(seed)"
                #expect(report.identical, "\(name): \(report.firstDifference ?? "")")
                #expect(report.onChipLayers == (kind == .sync ? [] : ["\(kind.rawValue) on chip"]), "\(name)")
                #expect(abs(report.rtlCycles - report.modelCycles) * 20 <= report.modelCycles,
                        "\(name): RTL \(report.rtlCycles) cycles, model \(report.modelCycles), more than 5 % apart")
            }
        }
    }
}
