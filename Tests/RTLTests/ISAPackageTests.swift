import Accelerator
import RTL
import Testing

/// `vggc_isa_pkg` against the field tables: every field's LSB and WIDTH constant, read back from the
/// generated text, equals `Opcode.layout`; a few are checked against docs/ISA.md's tables by hand.
struct ISAPackageTests {
    /// `NAME = VALUE` of every `localparam` line of the package, in order.
    private func constants() -> [String: String] {
        var constants: [String: String] = [:]
        for line in ISAPackage.render().split(separator: "\n") where line.contains("localparam") {
            let parts = line.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            let name = String(parts[0].split(separator: " ").last ?? "")
            constants[name] = String(parts[1].dropLast())
        }
        return constants
    }

    @Test func everyFieldHasItsLSBAndWidth() {
        let constants = constants()
        var checked = 0
        for opcode in Opcode.allCases {
            for field in opcode.layout.fields {
                let name = "\(opcode.mnemonic)_\(ISAPackage.constantName(field.name))"
                #expect(constants["\(name)_LSB"] == String(field.offset), "\(name)")
                #expect(constants["\(name)_WIDTH"] == String(field.width), "\(name)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func handPickedConstantsMatchDocsISA() {
        let constants = constants()
        // docs/ISA.md: LOAD dramAddress is bits 28–67, POST destination.rowPitch bits 281–296.
        #expect(constants["LOAD_DRAM_ADDRESS_LSB"] == "28")
        #expect(constants["LOAD_DRAM_ADDRESS_WIDTH"] == "40")
        #expect(constants["POST_DESTINATION_ROW_PITCH_LSB"] == "281")
        #expect(constants["POST_DESTINATION_ROW_PITCH_WIDTH"] == "16")
        #expect(constants["OPCODE_ADD"] == "4'd9")
        #expect(constants["ALU_OPERATION_PIECEWISE_LINEAR_SIGMOID"] == "1")
        #expect(constants["SYNC_UNIT_STORE"] == "2")
        #expect(constants["INSTRUCTION_BITS"] == "512")
    }

    @Test func constantNames() {
        #expect(ISAPackage.constantName("dramAddress") == "DRAM_ADDRESS")
        #expect(ISAPackage.constantName("destination.planePitch") == "DESTINATION_PLANE_PITCH")
        #expect(ISAPackage.constantName("padTop") == "PAD_TOP")
    }
}
