import TestSupport
import Runtime
import Testing
@testable import Report

@Suite struct SVGEnergyBreakdownTests {
    /// 1, 2, 3 and 4 µJ.
    var energy: EnergyReport {
        var energy = EnergyReport(counters: ExecutionCounters(), cycles: 0, config: AcceleratorFixtures.config)
        energy.macPJ = 1e6
        energy.sramPJ = 2e6
        energy.dramPJ = 3e6
        energy.staticPJ = 4e6
        return energy
    }

    @Test func fourSegmentsInProportionWithTheirNumbers() throws {
        let svg = try #require(ParsedSVG(SVGEnergyBreakdown(energy: energy).render()))
        let parts = svg.elements(named: "rect", cssClass: "energy-part")
        #expect(try parts.map { try #require(ParsedSVG.number($0, "width")) } == [80, 160, 240, 320])
        let texts = svg.elements(named: "text").map(\.text)
        #expect(texts.contains("MAC 1.000 µJ (10.0%)"))
        #expect(texts.contains("static 4.000 µJ (40.0%)"))
        #expect(texts.contains("total 10.000 µJ per inference"))
    }
}
