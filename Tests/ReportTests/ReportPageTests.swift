import Foundation
import Runtime
import Testing
@testable import Report

@Suite struct ReportPageTests {
    static let hostile = "<script>alert(\"x\")</script>"

    @Test func everySectionAndWellFormedSVG() throws {
        let report = try ReportBuilder(model: ReportFixtures.model()).build(input: .synthetic, accuracy: nil)
        let page = ReportPage.render(report)
        for id in ReportPage.sectionIDs { #expect(page.contains("<section id=\"\(id)\">")) }
        let fragments = ParsedSVG.svgFragments(of: page)
        // Roofline, cycle bars, energy, timeline, and one histogram for the one conv layer.
        #expect(fragments.count == 5)
        let parsed = fragments.compactMap(ParsedSVG.init)
        #expect(parsed.count == fragments.count)
        #expect(parsed[0].elements(named: "circle", cssClass: "layer-point").count == 1)
        #expect(parsed[1].elements(named: "g", cssClass: "layer-bar").count == 2)
        #expect(parsed[3].elements(named: "rect", cssClass: "instr").count == 5)
        #expect(parsed[4].elements(named: "rect", cssClass: "bin").count == 64)
        #expect(page.contains("not measured"))
        #expect(page.contains("synthetic input"))
        #expect(!page.contains("<script"))
        // Self-contained: no address but the SVG namespace, nothing linked or sourced.
        let addresses = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!addresses.contains("http") && !addresses.contains("src=") && !addresses.contains("<link"))
    }

    @Test func hostileNamesAreEscapedEverywhere() throws {
        let model = ReportFixtures.model(names: [Self.hostile, "copy & <b>"])
        let report = try ReportBuilder(model: model).build(input: .synthetic, accuracy: "<img src=x onerror=alert(1)>")
        let page = ReportPage.render(report)
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(ParsedSVG.svgFragments(of: page).allSatisfy { ParsedSVG($0) != nil })
    }

    @Test func twoBuildsGiveTheSameBytes() throws {
        let model = ReportFixtures.model()
        let first = ReportPage.render(try ReportBuilder(model: model).build(input: .synthetic, accuracy: "98%"))
        let second = ReportPage.render(try ReportBuilder(model: model).build(input: .synthetic, accuracy: "98%"))
        #expect(first == second)
    }
}
