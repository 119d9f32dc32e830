import Testing
@testable import Accelerator

@Suite struct FieldBindingTests {
    static let load = LoadInstruction(layer: 2, buffer: .weight, elementBytes: 4, dramAddress: 0x100, sramAddress: 8, depth: 1,
                                      rows: 2, columns: 3, dramPlaneStride: 6, dramRowStride: 3, padValue: -9)

    static func field(_ name: String, _ encoding: InstructionField.Encoding) -> InstructionField {
        InstructionField(name: name, offset: 24, width: 32, encoding: encoding, meaning: "")
    }

    @Test func readsAndWritesThroughTheKeyPath() {
        let binding = FieldBinding(Self.field("padValue", .signed), \LoadInstruction.padValue)
        #expect(binding.field.name == "padValue")
        #expect(binding.property == \LoadInstruction.padValue)
        #expect(binding.value(in: Self.load) == -9)
        var load = Self.load
        #expect(binding.store(-2_147_483_648, into: &load))
        #expect(load.padValue == Int32.min)
        var expected = Self.load
        expected.padValue = Int32.min
        #expect(load == expected)
    }

    @Test func convertsTypedProperties() {
        let buffer = FieldBinding(Self.field("buffer", .cases(SRAMBuffer.Role.allCases)), \LoadInstruction.buffer)
        #expect(buffer.value(in: Self.load) == 1)
        var load = Self.load
        #expect(buffer.store(0, into: &load))
        #expect(load.buffer == .input)
        let dependency = FieldBinding(Self.field("pushNext", .flag), \LoadInstruction.dependencies.pushNext)
        #expect(dependency.store(1, into: &load))
        #expect(load.dependencies == DependencyFlags(pushNext: true))
        #expect(dependency.value(in: load) == 1)
    }

    @Test func aValueThePropertyCannotHoldLeavesTheInstructionAlone() {
        var load = Self.load
        let padValue = FieldBinding(Self.field("padValue", .signed), \LoadInstruction.padValue)
        #expect(!padValue.store(1 << 31, into: &load))
        let buffer = FieldBinding(Self.field("buffer", .cases(SRAMBuffer.Role.allCases)), \LoadInstruction.buffer)
        #expect(!buffer.store(4, into: &load))
        let flag = FieldBinding(Self.field("popNext", .flag), \LoadInstruction.dependencies.popNext)
        #expect(!flag.store(2, into: &load))
        #expect(load == Self.load)
    }
}
