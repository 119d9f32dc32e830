import Runtime
import Testing
@testable import Report

@Suite struct LogAxisTests {
    @Test func coversTheValuesInWholeDecades() {
        let axis = LogAxis(covering: [0.5, 32, 10])
        #expect(axis.lowerExponent == -1)
        #expect(axis.upperExponent == 2)
        #expect(axis.decades.map(\.exponent) == [-1, 0, 1, 2])
    }

    @Test func fractionsAreLogarithmic() {
        let axis = LogAxis(covering: [1, 1000])
        #expect(abs(axis.fraction(of: 10) - 1.0 / 3) < 1e-12)
        #expect(abs(axis.fraction(of: 1000) - 1) < 1e-12)
        #expect(axis.fraction(of: 1) == 0)
    }

    @Test func oneDecadeAtLeastAndNonPositiveValuesIgnored() {
        let axis = LogAxis(covering: [100, 0, -3, .infinity])
        #expect(axis.lowerExponent == 2)
        #expect(axis.upperExponent == 3)
        #expect(LogAxis(covering: []).lowerExponent == 0)
    }

    @Test func tickLabels() {
        #expect(LogAxis.label(exponent: 0) == "1")
        #expect(LogAxis.label(exponent: 3) == "1000")
        #expect(LogAxis.label(exponent: -2) == "0.01")
        #expect(LogAxis.label(exponent: 6) == "1e6")
        #expect(LogAxis.label(exponent: -5) == "1e-5")
    }
}
