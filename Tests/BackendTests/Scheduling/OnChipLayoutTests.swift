@testable import Backend
import Accelerator
import Testing
import TestSupport

/// Placement in a 4 KiB input buffer of the residual fixture's values (`OnChipValueTests`): `a`
/// (1,200 B, live at layers 0–3), `b` (768 B, 1–2), `res` (768 B, 2–3).
@Suite struct OnChipLayoutTests {
    static func values() throws -> (a: OnChipValue, b: OnChipValue, res: OnChipValue) {
        let program = try OnChipValueTests.program()
        return (try #require(OnChipValue(program: program, producer: 0)), try #require(OnChipValue(program: program, producer: 1)),
                try #require(OnChipValue(program: program, producer: 2)))
    }

    /// `a` at the top (4096 − 1200 = 2896, a multiple of 16); `b`, live beside it, at the bottom;
    /// `res`, live beside both, just below `a`: 2896 − 768 = 2128.
    @Test func valuesGoToTheTopThenTheBottomThenBesideTheLiveOnes() throws {
        let (a, b, res) = try Self.values()
        let layout = try #require(OnChipLayout(inputBuffer: 4096).placing(a)?.placing(b)?.placing(res))
        #expect(layout.values.map(\.address) == [2896, 0, 2128])
        #expect(layout.slotRange(at: 0) == 0..<2896)
        #expect(layout.slotRange(at: 1) == 768..<2896)
        #expect(layout.slotRange(at: 2) == 768..<2128, "the larger of 768..<2128 and none above res")
        #expect(layout.slotRange(at: 3) == 0..<2128, "b is dead: below res")
        #expect(layout.slotRange(at: 4) == 0..<4096)
        #expect(layout.keeps("a") && !layout.keeps("x") && layout.value(producedBy: 1)?.address == 0)
    }

    /// `res` cannot take the top while `a` lives (through layer 3); a value written at layer 4 and
    /// read at 5 can: the top is free again.
    @Test func aValueAvoidsOnlyTheValuesLiveBesideIt() throws {
        let (a, b, res) = try Self.values()
        var late = b
        (late.producer, late.readers) = (4, [5])
        let layout = try #require(OnChipLayout(inputBuffer: 4096).placing(a)?.placing(res)?.placing(late))
        #expect(layout.values.map(\.address) == [2896, 0, 4096 - 768], "the late value takes the top, free after layer 3")
    }

    /// More than half of the buffer, or no room beside the live values: not placed.
    @Test func aValueThatDoesNotFitIsNotPlaced() throws {
        let (a, b, _) = try Self.values()
        #expect(OnChipLayout(inputBuffer: 2399).placing(a) == nil, "1,200 bytes of 2,399")
        #expect(OnChipLayout(inputBuffer: 2400).placing(a) != nil)
        #expect(OnChipLayout(inputBuffer: 2400).placing(a)?.placing(b)?.placing(b) == nil)
    }
}
