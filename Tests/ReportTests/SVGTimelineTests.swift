import Runtime
import Testing
@testable import Report

@Suite struct SVGTimelineTests {
    @Test func oneRectanglePerInstructionShownWithoutEND() throws {
        let program = ReportFixtures.program()
        let run = try ReportFixtures.run(program)
        let all = SVGTimeline(program: program, timeline: run.timeline, layerCycles: run.layerCycles, limit: 100)
        let svg = try #require(ParsedSVG(all.render()))
        #expect(svg.elements(named: "rect", cssClass: "instr").count == 5)
        #expect(svg.elements(named: "rect", cssClass: "lane").count == 3)
        #expect(all.bars.map(\.mnemonic) == ["LOAD", "LOAD", "GEMM", "POST", "STORE"])
        #expect(all.bars.map(\.unit) == [.load, .load, .compute, .compute, .store])
        // Both layers' cycles begin before the store ends: lines at 0 and at the end of the conv layer.
        #expect(all.boundaries == [.init(cycle: 0, layer: "conv"), .init(cycle: run.layerCycles[0], layer: "copy")])
        #expect(svg.elements(named: "line", cssClass: "layer-boundary").count == 2)
        // The GEMM waited for the input load.
        #expect(svg.elements(named: "line", cssClass: "stall").count == run.timeline.events[0..<5].filter { $0.stall > 0 }.count)

        let first = SVGTimeline(program: program, timeline: run.timeline, layerCycles: run.layerCycles, limit: 3)
        #expect(try #require(ParsedSVG(first.render())).elements(named: "rect", cssClass: "instr").count == 3)
    }

    @Test func rectanglesSitAtTheirCycles() throws {
        let timeline = SVGTimeline(bars: [
            .init(instruction: 0, unit: .load, mnemonic: "LOAD", layer: "a", start: 0, end: 100, stall: 0, stallQueue: nil),
            .init(instruction: 1, unit: .compute, mnemonic: "GEMM", layer: "a", start: 50, end: 200, stall: 10, stallQueue: "load→compute"),
        ], boundaries: [.init(cycle: 0, layer: "a")])
        let svg = try #require(ParsedSVG(timeline.render()))
        let rects = svg.elements(named: "rect", cssClass: "instr")
        // 200 cycles over 1200 pixels from x = 80; the compute lane is the second, 34 pixels lower.
        #expect(try rects.map { try #require(ParsedSVG.number($0, "x")) } == [80, 380])
        #expect(try rects.map { try #require(ParsedSVG.number($0, "width")) } == [600, 900])
        #expect(try rects.map { try #require(ParsedSVG.number($0, "y")) } == [77, 111])
        #expect(rects.map { $0.attributes["fill"] } == ["#4c78a8", "#54a24b"])
        let stall = try #require(svg.elements(named: "line", cssClass: "stall").first)
        #expect(ParsedSVG.number(stall, "x1") == 320 && ParsedSVG.number(stall, "x2") == 380)
        #expect(svg.elements(named: "title").map(\.text).contains("#1 GEMM (a): cycles 50–200 (150), waited 10 on load→compute"))
    }

    @Test func tickStepsAreRound() {
        #expect(SVGTimeline.tickStep(for: 7) == 1)
        #expect(SVGTimeline.tickStep(for: 200) == 50)
        #expect(SVGTimeline.tickStep(for: 16_000) == 2000)
    }
}
