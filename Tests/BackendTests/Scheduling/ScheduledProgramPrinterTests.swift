@testable import Backend
import Foundation
import IR
import Testing
import Accelerator
import Quantization
import TestSupport

/// Golden text tests of the scheduled program IR: `SchedulingFixtures.tinyNetwork()` (the quantized
/// graph in) compiled for a preset and printed after the last backend stage (the program out),
/// compared with `Golden/tiny_<preset>.txt`. `VGGC_RECORD_GOLDEN=1` rewrites the files.
@Suite struct ScheduledProgramPrinterTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    @Test(arguments: ["vta", "de1soc", "seed000"])
    func tinyNetworkMatchesGolden(preset: String) throws {
        let config = try #require(HardwareConfig.preset(named: preset))
        let mode: ArithmeticMode = config.arithmetic == .de1socQ10 ? .de1socQ10 : .standard
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(mode: mode), config)
        let text = ScheduledProgramPrinter.print(program, stage: "check")
        let url = Self.directory.appendingPathComponent("tiny_\(preset).txt")
        if ProcessInfo.processInfo.environment["VGGC_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        } else {
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(text == expected, "golden tiny_\(preset) differs; got:\n\(text)")
        }
    }

    /// Every stage's dump shows what that stage added.
    @Test func eachStageShowsItsDecisions() throws {
        var texts: [String: String] = [:]
        _ = try BackendPipeline.standard.run(try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: .shipped("vta"))) { stage, program in
            texts[stage] = ScheduledProgramPrinter.print(program, stage: stage)
        }
        #expect(texts["residency"]?.contains("tiles:") == false)
        #expect(texts["tile"]?.contains("tiles:") == true)
        #expect(texts["allocate"]?.contains("sram:") == true)
        #expect(texts["lower"]?.contains("GEMM") == true)
        #expect(texts["check"]?.contains("roofline") == true)
    }
}
