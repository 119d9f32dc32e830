@testable import Backend
import Testing

@Suite struct SRAMAllocationPassTests {
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        try SchedulingGolden.check(.allocate, testCase)
    }

    /// On vta (32 KiB input buffer): conv1's output is the pool's unpadded 8×6×6 box (288 B) at the
    /// top of the buffer, 0x8000 − 288 = 0x7ee0; the pool, whose input sits at the top, puts its
    /// output (the table layer's 8×3×3 box, 80 B aligned) at the bottom.
    @Test func valuesKeptOnChipTakeOppositeEndsOfTheInputBuffer() throws {
        let program = try SchedulingGolden.check(.allocate, SchedulingGolden.Case(preset: "vta")).output
        #expect(try program.layers[0].output.sramTensor.value.address == 0x7ee0)
        #expect(try program.layers[1].inputs[0].sramTensor.value.address == 0x7ee0)
        #expect(try program.layers[1].output.sramTensor.value.address == 0)
        #expect(try OnChipLayout(program: program).value(producedBy: 1)?.bytes == 80)
    }

    /// A layer's weight-buffer slots take the top of the buffer (aligned down) when the previous
    /// layer's start at 0 and both fit, else address 0.
    @Test func weightSlotsTakeTheOtherEndWhereBothFit() {
        #expect(SRAMAllocationPass.weightBase(bytes: 100, besides: 0..<50, in: 256) == 144)
        #expect(SRAMAllocationPass.weightBase(bytes: 100, besides: 0..<144, in: 256) == 144)
        #expect(SRAMAllocationPass.weightBase(bytes: 100, besides: 0..<145, in: 256) == 0)
        #expect(SRAMAllocationPass.weightBase(bytes: 100, besides: 144..<256, in: 256) == 0)
        #expect(SRAMAllocationPass.weightBase(bytes: 100, besides: 0..<0, in: 256) == 0)
        #expect(SRAMAllocationPass.weightBase(bytes: 0, besides: 0..<50, in: 256) == 0)
    }
}
