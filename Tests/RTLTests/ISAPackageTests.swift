import Accelerator
import RTL
import XCTest

/// `vggc_isa_pkg` against the field tables: every field's LSB and WIDTH constant, read back from the
/// generated text, equals `Opcode.layout`, and every opcode's code is there.
final class ISAPackageTests: XCTestCase {
    /// `NAME = VALUE` of every `localparam` line of the package.
    private func constants() -> [String: String] {
        var constants: [String: String] = [:]
        for line in ISAPackage.render().split(separator: "\n") where line.contains("localparam") {
            let parts = line.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            let name = String(parts[0].split(separator: " ").last!)
            constants[name] = String(parts[1].dropLast())
        }
        return constants
    }

    func testEveryFieldHasItsLSBAndWidth() {
        let constants = constants()
        var checked = 0
        for opcode in Opcode.allCases {
            for field in opcode.layout.fields {
                let name = "\(opcode.mnemonic)_\(ISAPackage.constantName(field.name))"
                XCTAssertEqual(constants["\(name)_LSB"], String(field.offset), name)
                XCTAssertEqual(constants["\(name)_WIDTH"], String(field.width), name)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testHandPickedFieldsMatchDocsISA() {
        let constants = constants()
        // docs/ISA.md: LOAD dramAddress is bits 28–67, POST destination.rowPitch bits 281–296.
        XCTAssertEqual(constants["LOAD_DRAM_ADDRESS_LSB"], "28")
        XCTAssertEqual(constants["LOAD_DRAM_ADDRESS_WIDTH"], "40")
        XCTAssertEqual(constants["POST_DESTINATION_ROW_PITCH_LSB"], "281")
        XCTAssertEqual(constants["POST_DESTINATION_ROW_PITCH_WIDTH"], "16")
        XCTAssertEqual(constants["OPCODE_ADD"], "4'd9")
        XCTAssertEqual(constants["ALU_OPERATION_PIECEWISE_LINEAR_SIGMOID"], "1")
        XCTAssertEqual(constants["SYNC_UNIT_STORE"], "2")
    }

    func testConstantNames() {
        XCTAssertEqual(ISAPackage.constantName("dramAddress"), "DRAM_ADDRESS")
        XCTAssertEqual(ISAPackage.constantName("destination.planePitch"), "DESTINATION_PLANE_PITCH")
        XCTAssertEqual(ISAPackage.constantName("padTop"), "PAD_TOP")
    }
}
