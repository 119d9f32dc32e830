import Runtime
import Testing
@testable import Report

@Suite struct ReportFormatTests {
    @Test func fixedPrecisionWithoutNegativeZero() {
        #expect(ReportFormat.fixed(12.5, digits: 2) == "12.50")
        #expect(ReportFormat.fixed(2.0 / 3, digits: 3) == "0.667")
        #expect(ReportFormat.fixed(-0.0001, digits: 2) == "0.00")
        #expect(ReportFormat.fixed(-1.25, digits: 1) == "-1.2")
        #expect(ReportFormat.fixed(.infinity, digits: 2) == "–")
    }

    @Test func groupsOfThreeDigits() {
        #expect(ReportFormat.grouped(0) == "0")
        #expect(ReportFormat.grouped(999) == "999")
        #expect(ReportFormat.grouped(1000) == "1\u{2009}000")
        #expect(ReportFormat.grouped(-1234567) == "-1\u{2009}234\u{2009}567")
    }

    @Test func percentagesScientificAndBytes() {
        #expect(ReportFormat.percent(0.875) == "87.5%")
        #expect(ReportFormat.scientific(0.00125) == "1.25e-03")
        #expect(ReportFormat.bytes(1023) == "1023 B")
        #expect(ReportFormat.bytes(1536) == "1.50 KiB")
        #expect(ReportFormat.bytes(3 * 1024 * 1024) == "3.00 MiB")
    }
}
