import Runtime
import Testing
@testable import Report

@Suite struct SVGCycleBarsTests {
    let bars = SVGCycleBars(bars: [
        .init(name: "conv1", split: LayerCycleSplit(computeBusy: 600, dmaBound: 200, otherStalls: 200)),
        .init(name: "pool1", split: LayerCycleSplit(computeBusy: 100, dmaBound: 0, otherStalls: 150)),
        .init(name: "fc1", split: LayerCycleSplit(computeBusy: 0, dmaBound: 0, otherStalls: 0)),
    ])

    @Test func oneBarPerLayerWithItsNonEmptySegments() throws {
        let svg = try #require(ParsedSVG(bars.render()))
        #expect(svg.elements(named: "g", cssClass: "layer-bar").count == 3)
        #expect(svg.elements(named: "rect", cssClass: "segment").count == 5)
        #expect(svg.elements(named: "rect", cssClass: "swatch").count == 3)
    }

    @Test func segmentsShareOneLinearScale() throws {
        let svg = try #require(ParsedSVG(bars.render()))
        let widths = try svg.elements(named: "rect", cssClass: "segment").map { try #require(ParsedSVG.number($0, "width")) }
        // The longest bar (1000 cycles) spans 640 pixels.
        let expected = [384.0, 128, 128, 64, 96]
        #expect(zip(widths, expected).allSatisfy { abs($0 - $1) < 0.01 })
        let fills = svg.elements(named: "rect", cssClass: "segment").map { $0.attributes["fill"] }
        #expect(fills == ["#2ca02c", "#d62728", "#bbbbbb", "#2ca02c", "#bbbbbb"])
    }

    @Test func tooltipsAddUpTheSplit() throws {
        let svg = try #require(ParsedSVG(bars.render()))
        let titles = svg.elements(named: "title").map(\.text)
        #expect(titles.first == "conv1: 1\u{2009}000 cycles = 600 compute busy + 200 DMA-bound (compute waits on load/store) + 200 other stalls (fetch, fill, drain)")
    }

    @Test func hostileNamesStayText() throws {
        let text = SVGCycleBars(bars: [.init(name: "<script>x</script>", split: LayerCycleSplit(computeBusy: 1, dmaBound: 0, otherStalls: 0))]).render()
        #expect(!text.contains("<script"))
        #expect(ParsedSVG(text) != nil)
    }
}
