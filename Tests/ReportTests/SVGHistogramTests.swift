import IR
import Runtime
import Testing
@testable import Report

@Suite struct SVGHistogramTests {
    let histogram = WeightHistogram(weights: Tensor(shape: [6], data: .int8([-128, -125, -124, 0, 127, 127])))

    @Test func oneColumnPerBinScaledToTheTallest() throws {
        let svg = try #require(ParsedSVG(SVGHistogram(histogram: histogram, layer: "conv1").render()))
        let bins = svg.elements(named: "rect", cssClass: "bin")
        #expect(bins.count == 64)
        let heights = try bins.map { try #require(ParsedSVG.number($0, "height")) }
        #expect(heights[0] == 90 && heights[63] == 90 && heights[1] == 45 && heights[32] == 45)
        #expect(heights.enumerated().filter { ![0, 1, 32, 63].contains($0.offset) }.allSatisfy { $0.element == 0 })
        #expect(svg.elements(named: "title")[1].text == "conv1: 1 weights in -124…-121")
    }

    @Test func hostileNamesStayText() throws {
        let text = SVGHistogram(histogram: histogram, layer: "<script>").render()
        #expect(!text.contains("<script"))
        #expect(ParsedSVG(text) != nil)
    }
}
