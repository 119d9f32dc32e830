@testable import Backend
import IR
import Testing
import Accelerator
import Quantization
import TestSupport

@Suite struct ScheduledProgramPrinterTests {
    /// One clamp over a 2×2 plane: nothing to tile by hand, everything else known.
    static func clampGraph() -> QuantizedGraph {
        let params = QuantParams(scale: 0.5, zeroPoint: 0)
        return QuantizedGraph(name: "one", arithmetic: .standard, input: QuantizedInput(name: "x", dims: [1, 1, 2, 2], params: params),
                              layers: [QuantizedLayer(name: "clip", op: .clamp(0...127), inputs: ["x"], output: "c", dims: [1, 1, 2, 2], params: params)],
                              outputs: [QuantizedOutput(name: "y", value: "c", dims: [1, 1, 2, 2], params: params, hostSoftmax: nil)])
    }

    @Test func programBeforeAnyStageShowsTheGraphAndTheOperands() throws {
        let program = try ScheduledProgram(graph: Self.clampGraph(), config: .shipped("vta"))
        #expect(ScheduledProgramPrinter.print(program) == """
            quantized graph one arith=default
            input %x : f32[1,1,2,2] -> i8 scale=0.5 zp=0
            %c = Clamp(%x) {clamp=[0,127]} : i8[1,1,2,2] scale=0.5 zp=0  # clip
            output %y <- %c scale=0.5 zp=0
            schedule on vta (256 MACs/cycle, 100.0 MHz), element 1 B, accumulator 4 B
            stages: none
            layer 0 'clip' Clamp 1×2×2 → 1×2×2 window 1×1 stride 1×1 pads 0,0,0,0
              in %x [1,1,2,2]
              out %c [1,1,2,2]

            """)
    }

    /// No constants; the 4-byte input at 0 and the 4-byte output at the next 64-byte boundary.
    @Test func dramLayoutShowsEveryRegion() throws {
        let pipeline = BackendPipeline(passes: [ResidencyPass(), TilingPass(), DRAMLayoutPass()])
        let program = try pipeline.run(try ScheduledProgram(graph: Self.clampGraph(), config: .shipped("vta")), verify: true)
        let lines = ScheduledProgramPrinter.print(program).split(separator: "\n")
        #expect(lines.contains("stages: residency, tile, place-dram"))
        #expect(lines.contains("dram: constants 0 B, total 128 B; input %x @0x0 (4 B); output %y @0x40 (4 B)"))
        #expect(lines.contains("  in %x [1,1,2,2]: dram @0x0 (4 B)"))
        #expect(lines.contains("  out %c [1,1,2,2]: dram @0x40 (4 B)"))
    }

    /// Every stage's dump shows what that stage added.
    @Test func eachStageShowsItsDecisions() throws {
        var texts: [String: String] = [:]
        _ = try BackendPipeline.standard.run(try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: .shipped("vta")), verify: true) { stage, program in
            texts[stage] = ScheduledProgramPrinter.print(program)
        }
        #expect(texts["residency"]?.contains("kept on chip for its readers") == true)
        #expect(texts["residency"]?.contains("tiles:") == false)
        #expect(texts["tile"]?.contains("tiles:") == true)
        #expect(texts["place-dram"]?.contains("constants: weights @0x0") == true)
        #expect(texts["allocate"]?.contains("sram:") == true)
        #expect(texts["lower"]?.contains("GEMM") == true && texts["lower"]?.contains("stream end:") == true)
        #expect(texts["check"]?.contains("roofline") == true && texts["check"]?.contains("modeled cycles") == true)
    }

    /// The dump users see elides long lists; the full text carries every weight.
    @Test func longListsAreElidedUnlessAsked() throws {
        let program = try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: .shipped("vta"))
        let dump = ScheduledProgramPrinter.print(program)
        #expect(dump.contains("weight=tensor(i8,[16,3,3,3]), weight_scales=[0.01], bias=elided(16)"))
        let full = ScheduledProgramPrinter.print(program, inlineElementLimit: .max)
        #expect(full.contains("weight=tensor(i8,[16,3,3,3],[") && full.contains("bias=[-10,-7,-4,"))
    }

    /// A target other than a preset carries its whole config.
    @Test func customTargetPrintsItsConfig() throws {
        let custom = SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64)
        let text = ScheduledProgramPrinter.print(try ScheduledProgram(graph: Self.clampGraph(), config: custom))
        #expect(text.contains("\nconfig {\"array\":{\"Pi\":16,\"Pk\":1,\"Po\":16,\"Pp\":1},\"buffers\":[{\"bytes\":65536,\"role\":\"input\"}"))
        #expect(!ScheduledProgramPrinter.print(try ScheduledProgram(graph: Self.clampGraph(), config: .shipped("vta"))).contains("\nconfig "))
    }
}
