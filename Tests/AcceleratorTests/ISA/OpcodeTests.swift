import Testing
@testable import Accelerator

@Suite struct OpcodeTests {
    @Test func codesAndMnemonicsAreTheDocs() {
        let expected: [(Opcode, Int, String)] = [
            (.load, 1, "LOAD"), (.gemm, 2, "GEMM"), (.post, 3, "POST"), (.pool, 4, "POOL"), (.alu, 5, "ALU"),
            (.store, 6, "STORE"), (.sync, 7, "SYNC"), (.end, 8, "END"), (.add, 9, "ADD"),
        ]
        #expect(Opcode.allCases == expected.map(\.0))
        for (opcode, code, mnemonic) in expected {
            #expect(opcode.rawValue == code)
            #expect(opcode.mnemonic == mnemonic)
        }
        for code in [0] + Array(10...15) { #expect(Opcode(rawValue: code) == nil) }
    }

    @Test(arguments: Opcode.allCases) func layoutIsTheOpcodesOwn(opcode: Opcode) {
        let layout = opcode.layout
        #expect(layout.opcode == opcode)
        #expect(layout.fields.first?.name == "opcode")
        #expect(layout.fields.first?.encoding == .enumeration([.init(code: opcode.rawValue, name: opcode.mnemonic)]))
    }

    /// The test's own instruction of each opcode (`ISAFieldTable.zero`) carries that opcode in bits
    /// 0–3 and decodes to its own case.
    @Test(arguments: Opcode.allCases) func anInstructionDecodesToItsOwnCase(opcode: Opcode) throws {
        let instruction = ISAFieldTable.zero(opcode: opcode.rawValue)
        #expect(instruction.opcode == opcode)
        let bytes = try instruction.encoded()
        #expect(Int(bytes[0] & 0x0F) == opcode.rawValue)
        let decoded = try Instruction(decoding: bytes[...], index: 0)
        #expect(decoded.opcode == opcode)
        #expect(decoded == instruction)
    }

    @Test func anUnknownOpcodeNamesTheInstructionAndTheValue() throws {
        var bytes = try ISAFieldTable.zero(opcode: 8).encoded()
        bytes[0] = 0x0D
        #expect(throws: AcceleratorError.illegalEncoding(instruction: 3, reason: "unknown opcode 13")) {
            _ = try Instruction(decoding: bytes[...], index: 3)
        }
    }
}
