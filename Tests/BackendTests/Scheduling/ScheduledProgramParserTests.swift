@testable import Backend
import IR
import Testing
import TestSupport
import Accelerator
import Quantization

@Suite struct ScheduledProgramParserTests {
    /// The fixtures on every preset, before any stage and after each: the full text reads back to
    /// the same program, which prints the same text.
    @Test func everyStageReadsBack() throws {
        for config in HardwareConfig.presets {
            for graph in [SchedulingFixtures.tinyNetwork(mode: config.arithmetic == .de1socQ10 ? .de1socQ10 : .standard),
                          SchedulingFixtures.smallNetwork(mode: config.arithmetic)] {
                let initial = try ScheduledProgram(graph: graph, config: config)
                try expectReadsBack(initial)
                _ = try BackendPipeline.standard.run(initial, verify: true) { _, program in try expectReadsBack(program) }
            }
        }
    }

    /// Multi-input layers (Add, Concat with slices written by address and copies) read back after
    /// every stage on every preset.
    @Test func multiInputGraphsReadBack() throws {
        for config in HardwareConfig.presets {
            for graph in [MultiInputGraphs.residual(mode: config.arithmetic), MultiInputGraphs.concats(mode: config.arithmetic)] {
                let initial = try ScheduledProgram(graph: graph, config: config)
                try expectReadsBack(initial)
                _ = try BackendPipeline.standard.run(initial, verify: true) { _, program in try expectReadsBack(program) }
            }
        }
    }

    @Test func customTargetReadsBack() throws {
        let config = SchedulingFixtures.config(input: 256, weight: 256, accumulator: 64, output: 64)
        try expectReadsBack(try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), config))
    }

    private func expectReadsBack(_ program: ScheduledProgram, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = SchedulingGolden.text(program)
        let parsed = try ScheduledProgramParser.parse(text)
        #expect(parsed == program, "\(program.graph.name) on \(program.config.name) after \(program.completedStages)", sourceLocation: sourceLocation)
        #expect(SchedulingGolden.text(parsed) == text, sourceLocation: sourceLocation)
    }

    /// The tiny network on vta after every stage, as lines.
    private func compiledLines() throws -> [String] {
        SchedulingGolden.text(try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.target("vta"))).components(separatedBy: "\n")
    }

    /// `lines` with the first line that starts with `prefix` changed by `edit`, and that line's
    /// 1-based number.
    private func edited(_ lines: [String], _ prefix: String, _ edit: (String) -> String) throws -> (String, Int) {
        let index = try #require(lines.firstIndex { $0.hasPrefix(prefix) })
        var lines = lines
        lines[index] = edit(lines[index])
        return (lines.joined(separator: "\n"), index + 1)
    }

    @Test func elidedWeightsAreRefused() throws {
        let text = ScheduledProgramPrinter.print(try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: SchedulingFixtures.target("vta")))
        #expect(throws: BackendError.parseError(line: 3, detail: "'weight' was elided when printed; print with a larger inline element limit to read it back")) {
            try ScheduledProgramParser.parse(text)
        }
    }

    /// A figure the printer derives must agree with the decisions: the input is 3×16×16 bytes.
    @Test func derivedFiguresMustAgree() throws {
        let (text, line) = try edited(compiledLines(), "  in %x ") { $0.replacingOccurrences(of: "(768 B)", with: "(769 B)") }
        let original = try compiledLines()[line - 1]
        #expect(throws: BackendError.parseError(line: line, detail: "the program read from the text prints '\(original)' here")) {
            try ScheduledProgramParser.parse(text)
        }
    }

    @Test func unknownTargetNeedsItsConfig() throws {
        let (text, line) = try edited(compiledLines(), "schedule on ") { $0.replacingOccurrences(of: "on vta", with: "on nowhere") }
        #expect(throws: BackendError.parseError(line: line, detail: "unknown target 'nowhere'; a target other than a preset needs its config line")) {
            try ScheduledProgramParser.parse(text)
        }
    }

    @Test func instructionOperandsMustFitTheirFields() throws {
        let (text, line) = try edited(compiledLines(), "         0 load ") { $0.replacingOccurrences(of: " depth=3 ", with: " depth=70000 ") }
        #expect(throws: BackendError.parseError(line: line, detail: "LOAD field 'depth' cannot hold 70000")) {
            try ScheduledProgramParser.parse(text)
        }
    }

    /// Decisions of a stage the text does not list as run are refused by the verifier.
    @Test func decisionsOfAStageNotRunAreRefused() throws {
        let program = try BackendPipeline.standard.run(try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: SchedulingFixtures.target("vta")),
                                                       verify: true, stopAfter: "tile")
        let lines = SchedulingGolden.text(program).components(separatedBy: "\n")
        let (text, _) = try edited(lines, "stages: ") { _ in "stages: residency" }
        #expect(throws: BackendError.invalidSchedule(layer: "conv1", stage: "residency",
                                                     detail: "already has the tiling, which stage 'tile' decides and which has not run")) {
            try ScheduledProgramParser.parse(text)
        }
    }

    @Test func textWithoutAScheduleIsRefused() {
        #expect(throws: BackendError.parseError(line: 2, detail: "missing the 'schedule on TARGET' line after the quantized graph")) {
            try ScheduledProgramParser.parse("quantized graph g arith=default\n")
        }
    }
}
