@testable import Backend
import Foundation
import Testing
import Accelerator
import Quantization
import TestSupport

/// Golden text tests of the backend passes, one folder per stage: `Golden/<stage>/<case>.in.txt` is
/// the program before the stage, which is parsed; the stage's pass alone runs on it (verified);
/// the printed result must equal `Golden/<stage>/<case>.out.txt`, and read back to the same
/// program. With `VGGC_RECORD_GOLDEN=1` in the environment both files are recorded from
/// `SchedulingFixtures.smallNetwork` compiled by the standard pipeline, and the test fails so that
/// a recording run never passes.
enum SchedulingGolden {
    /// One fixture on one preset, in the preset's arithmetic.
    struct Case: CustomTestStringConvertible, Sendable {
        /// The fixtures: `small` (`SchedulingFixtures.smallNetwork`), `residual` and `concats`
        /// (`MultiInputGraphs`, at 4 channels of 4×4), `separable` (`DepthwiseGraphs`, likewise).
        enum Fixture: String, Sendable {
            case small, residual, concats, separable
        }

        var fixture = Fixture.small
        var preset: String

        var name: String { "\(fixture.rawValue)_\(preset)" }
        var testDescription: String { name }

        func config() throws -> HardwareConfig { HardwareConfig.shipped(preset) }

        func graph() throws -> QuantizedGraph {
            let config = try config()
            switch fixture {
            case .small: return SchedulingFixtures.smallNetwork(mode: config.arithmetic, tables: config.features.lutActivations)
            case .residual: return MultiInputGraphs.residual(mode: config.arithmetic, channels: 4, size: 4)
            case .concats: return MultiInputGraphs.concats(mode: config.arithmetic, size: 4)
            case .separable: return DepthwiseGraphs.separable(mode: config.arithmetic, channels: 4, size: 4)
            }
        }
    }

    /// The default arithmetic, the DE1-SoC's Q10 fixed point and the VGG16 CU scales; the Add,
    /// Concat and depthwise layers in the default arithmetic.
    static let cases = [Case(preset: "vta"), Case(preset: "de1soc"), Case(preset: "seed000"),
                        Case(fixture: .residual, preset: "vta"), Case(fixture: .concats, preset: "vta"),
                        Case(fixture: .separable, preset: "vta")]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func url(_ stage: BackendStage, _ testCase: Case, _ suffix: String) -> URL {
        directory.appendingPathComponent(stage.rawValue).appendingPathComponent("\(testCase.name).\(suffix).txt")
    }

    /// The text of a program, every list of its graph printed.
    static func text(_ program: ScheduledProgram) -> String {
        ScheduledProgramPrinter.print(program, inlineElementLimit: .max)
    }

    /// The program of `testCase` after the stages before `stage` (straight from the fixture).
    static func programBefore(_ stage: BackendStage, _ testCase: Case) throws -> ScheduledProgram {
        let initial = try ScheduledProgram(graph: try testCase.graph(), config: try testCase.config())
        let stages = BackendStage.allCases
        guard let index = stages.firstIndex(of: stage), index > 0 else { return initial }
        return try BackendPipeline.standard.run(initial, verify: true, stopAfter: stages[index - 1].rawValue)
    }

    /// Runs `stage`'s pass on the golden input of `testCase` and compares the result with the
    /// golden output; returns both programs for further checks.
    @discardableResult
    static func check(_ stage: BackendStage, _ testCase: Case,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> (input: ScheduledProgram, output: ScheduledProgram) {
        let pass = try #require(BackendPipeline.standard.passes.first { $0.stage == stage })
        if ProcessInfo.processInfo.environment["VGGC_RECORD_GOLDEN"] == "1" {
            let input = try programBefore(stage, testCase)
            let output = try BackendPipeline(passes: [pass]).run(input, verify: true)
            try FileManager.default.createDirectory(at: url(stage, testCase, "in").deletingLastPathComponent(), withIntermediateDirectories: true)
            try text(input).write(to: url(stage, testCase, "in"), atomically: true, encoding: .utf8)
            try text(output).write(to: url(stage, testCase, "out"), atomically: true, encoding: .utf8)
            Issue.record("re-recorded Golden/\(stage.rawValue)/\(testCase.name); run again without VGGC_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return (input, output)
        }
        let input = try ScheduledProgramParser.parse(String(contentsOf: url(stage, testCase, "in"), encoding: .utf8))
        let output = try BackendPipeline(passes: [pass]).run(input, verify: true)
        let printed = text(output)
        let expected = try String(contentsOf: url(stage, testCase, "out"), encoding: .utf8)
        #expect(printed == expected, "golden \(stage.rawValue)/\(testCase.name) differs; got:\n\(printed)", sourceLocation: sourceLocation)
        #expect(try ScheduledProgramParser.parse(printed) == output, "the output does not read back", sourceLocation: sourceLocation)
        return (input, output)
    }
}
