import Testing
@testable import Accelerator

@Suite struct FieldRepresentableTests {
    @Test func integersAreTheirOwnValues() {
        #expect(Int(fieldValue: -7) == -7)
        #expect((1 << 40).fieldValue == 1_099_511_627_776)
        #expect(Int32.min.fieldValue == -2_147_483_648)
        #expect(Int32(fieldValue: 2_147_483_647) == Int32.max)
        #expect(Int32(fieldValue: 2_147_483_648) == nil)
        #expect(Int32(fieldValue: -2_147_483_649) == nil)
    }

    @Test func flagsAreZeroAndOne() {
        #expect(true.fieldValue == 1)
        #expect(false.fieldValue == 0)
        #expect(Bool(fieldValue: 1) == true)
        #expect(Bool(fieldValue: 0) == false)
        #expect(Bool(fieldValue: 2) == nil)
        #expect(Bool(fieldValue: -1) == nil)
    }

    @Test func enumerationsAreTheirRawValues() {
        #expect(PoolKind.average.fieldValue == 1)
        #expect(ALUOperation.clamp.fieldValue == 2)
        #expect(RequantizationKind(fieldValue: 2) == .cuScale)
        #expect(ExecutionUnit(fieldValue: 2) == .store)
        #expect(ALUOperation(fieldValue: 3) == nil)
        #expect(ExecutionUnit(fieldValue: -1) == nil)
    }

    /// docs/ISA.md: input 0, weight 1, accumulator 2, output 3.
    @Test func buffersAreTheirCodes() {
        let roles: [SRAMBuffer.Role] = [.input, .weight, .accumulator, .output]
        #expect(roles.map(\.fieldValue) == [0, 1, 2, 3])
        #expect((0...3).map { SRAMBuffer.Role(fieldValue: $0) } == roles)
        #expect(SRAMBuffer.Role(fieldValue: 4) == nil)
        #expect(SRAMBuffer.Role(fieldValue: -1) == nil)
    }
}
