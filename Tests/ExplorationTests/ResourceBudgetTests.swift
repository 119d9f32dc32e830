import Exploration
import Resources
import Testing

@Suite struct ResourceBudgetTests {
    @Test func parsesEitherOrBothLimits() throws {
        #expect(try ResourceBudget(text: "dsp=780,bram36=400") == ResourceBudget(dsp: 780, bram36: 400))
        #expect(try ResourceBudget(text: "bram36=12") == ResourceBudget(dsp: nil, bram36: 12))
        #expect(try ResourceBudget(text: "bram36=12,dsp=3") == ResourceBudget(dsp: 3, bram36: 12))
    }

    @Test(arguments: ["dsp", "lut=3", "dsp=-1", "dsp=1,", "dsp=x"])
    func refusesWhatIsNotALimit(_ text: String) {
        #expect(throws: ExplorationError.self) { try ResourceBudget(text: text) }
    }

    @Test func limitsAreTheSmallerOfBudgetAndPart() throws {
        let part = try FPGAPart.named("xc7z045")
        #expect(ResourceBudget(dsp: 780).dspLimit(on: part) == 780)
        #expect(ResourceBudget(dsp: 5000).dspLimit(on: part) == 900)
        #expect(ResourceBudget().bram36Limit(on: part) == 545)
        let estimate = ResourceEstimate(dsp: 781, bram36: 10, lut: 1, ff: 1)
        #expect(!ResourceBudget(dsp: 780).admits(estimate, on: part))
        #expect(ResourceBudget(bram36: 10).admits(estimate, on: part))
    }
}
