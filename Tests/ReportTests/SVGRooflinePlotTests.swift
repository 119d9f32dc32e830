import Foundation
import Runtime
import Testing
@testable import Report

@Suite struct SVGRooflinePlotTests {
    /// A conv at 10 MACs/byte and 100 MACs/cycle, an fc at 0.5 and 10, a pool without MACs, on a
    /// 128-MAC array with 4 bytes per cycle (ridge at 32): x spans 0.1…100, y 10…1000.
    let plot = SVGRooflinePlot(points: [
        .init(name: "conv1", op: "Conv", macs: 1000, dramBytes: 100, cycles: 10),
        .init(name: "pool1", op: "MaxPool", macs: 0, dramBytes: 64, cycles: 20),
        .init(name: "fc1", op: "FullyConnected", macs: 500, dramBytes: 1000, cycles: 50),
    ], peakMACsPerCycle: 128, dramBytesPerCycle: 4)

    @Test func oneWellFormedPointPerLayerWithMACs() throws {
        let svg = try #require(ParsedSVG(plot.render()))
        let points = svg.elements(named: "circle", cssClass: "layer-point")
        #expect(points.count == 2)
        let titles = svg.elements(named: "title").map(\.text)
        #expect(titles.contains { $0.hasPrefix("#0 conv1 (Conv): 10.00 MACs/byte, 100.0 MACs/cycle") })
        #expect(titles.contains { $0.hasPrefix("#2 fc1 (FullyConnected): 0.50 MACs/byte, 10.0 MACs/cycle") })
        #expect(!titles.contains { $0.contains("pool1") })
        // Each point is labelled with its layer index.
        let labels = svg.elements(named: "text").map(\.text)
        #expect(labels.contains("0") && labels.contains("2"))
    }

    @Test func pointsSitAtTheirLogScalePositions() throws {
        let svg = try #require(ParsedSVG(plot.render()))
        let points = svg.elements(named: "circle", cssClass: "layer-point")
        let positions = try points.map { (x: try #require(ParsedSVG.number($0, "cx")), y: try #require(ParsedSVG.number($0, "cy"))) }
        // conv1 — x: 10 is two of three decades above 0.1; y: 100 is one of two decades above 10.
        let convX: Double = 70 + 640 * 2.0 / 3, convY: Double = 20 + 380 * 0.5
        #expect(abs(positions[0].x - convX) < 0.01 && abs(positions[0].y - convY) < 0.01)
        // fc1 — x: 0.5 is log10(5) decades above 0.1; y: 10 is the bottom.
        let fcX: Double = 70 + 640 * log10(5.0) / 3
        #expect(abs(positions[1].x - fcX) < 0.01 && abs(positions[1].y - 400) < 0.01)
    }

    @Test func theRoofsRiseAtTheBandwidthUpToTheRidgeThenStayFlat() throws {
        let svg = try #require(ParsedSVG(plot.render()))
        let roof = try #require(svg.elements(named: "polyline", cssClass: "roof").first)
        let points = try #require(roof.attributes["points"]).split(separator: " ").map { pair in
            pair.split(separator: ",").map { Double($0)! }
        }
        // Enters at the bottom (10 MACs/cycle = 4 B/cycle × 2.5), bends at the ridge (32, 128), ends at the right edge.
        #expect(points.count == 3)
        let enterX: Double = 70 + 640 * (log10(2.5) + 1) / 3
        let ridgeX: Double = 70 + 640 * (log10(32.0) + 1) / 3
        let ridgeY: Double = 20 + 380 * (1 - log10(12.8) / 2)
        let expected: [[Double]] = [[enterX, 400], [ridgeX, ridgeY], [710, ridgeY]]
        for (point, reference) in zip(points, expected) {
            #expect(abs(point[0] - reference[0]) < 0.01 && abs(point[1] - reference[1]) < 0.01)
        }
    }

    @Test func coincidentPointsShareOneLabel() throws {
        let same = SVGRooflinePlot.Point(name: "a", op: "Conv", macs: 1000, dramBytes: 100, cycles: 10)
        let plot = SVGRooflinePlot(points: [same, .init(name: "b", op: "Conv", macs: 10, dramBytes: 100, cycles: 10), same],
                                   peakMACsPerCycle: 128, dramBytesPerCycle: 4)
        let svg = try #require(ParsedSVG(plot.render()))
        #expect(svg.elements(named: "circle", cssClass: "layer-point").count == 3)
        let texts = svg.elements(named: "text").map(\.text)
        #expect(texts.contains("0,2") && texts.contains("1") && !texts.contains("0") && !texts.contains("2"))
    }

    @Test func aLayerWithoutDRAMTrafficSitsAtTheRightEdge() throws {
        let plot = SVGRooflinePlot(points: [.init(name: "resident", op: "Conv", macs: 800, dramBytes: 0, cycles: 10)],
                                   peakMACsPerCycle: 128, dramBytesPerCycle: 4)
        let svg = try #require(ParsedSVG(plot.render()))
        let point = try #require(svg.elements(named: "circle", cssClass: "layer-point").first)
        let x = try #require(ParsedSVG.number(point, "cx"))
        #expect(abs(x - 710) < 0.01)
        #expect(svg.elements(named: "title").contains { $0.text.contains("no DRAM traffic") })
    }

    @Test func hostileNamesStayText() throws {
        let plot = SVGRooflinePlot(points: [.init(name: "<script>alert(1)</script>", op: "Conv", macs: 8, dramBytes: 8, cycles: 1)],
                                   peakMACsPerCycle: 8, dramBytesPerCycle: 1)
        let text = plot.render()
        #expect(!text.contains("<script"))
        let svg = try #require(ParsedSVG(text))
        #expect(svg.elements(named: "title").contains { $0.text.hasPrefix("#0 <script>alert(1)</script> (Conv)") })
    }
}
