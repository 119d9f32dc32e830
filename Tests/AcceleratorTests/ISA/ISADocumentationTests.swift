import Foundation
import Testing
@testable import Accelerator

/// docs/ISA.md's bit tables are each opcode's `InstructionLayout.markdownTable`, between
/// `<!-- BEGIN GENERATED <MNEMONIC> LAYOUT -->` and `<!-- END GENERATED <MNEMONIC> LAYOUT -->`. With
/// `VGGC_RECORD_GOLDEN=1` in the environment the tables in the file are rewritten instead.
@Suite struct ISADocumentationTests {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/ISA.md")

    /// `document` with every generated table replaced by the layout's current one.
    static func regenerated(_ document: String) throws -> String {
        var text = document
        for layout in Opcode.allCases.map(\.layout) {
            let begin = "<!-- BEGIN GENERATED \(layout.mnemonic) LAYOUT -->\n"
            let end = "<!-- END GENERATED \(layout.mnemonic) LAYOUT -->"
            let start = try #require(text.range(of: begin), "docs/ISA.md has no \(begin)")
            let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex),
                                    "docs/ISA.md has no \(end)")
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: layout.markdownTable)
        }
        return text
    }

    @Test func tablesAreGeneratedFromTheLayouts() throws {
        let document = try String(contentsOf: Self.url, encoding: .utf8)
        let expected = try Self.regenerated(document)
        if ProcessInfo.processInfo.environment["VGGC_RECORD_GOLDEN"] == "1" {
            try expected.write(to: Self.url, atomically: true, encoding: .utf8)
        } else {
            #expect(document == expected, "docs/ISA.md's bit tables differ from the field tables; rerun with VGGC_RECORD_GOLDEN=1")
        }
    }

    /// The LOAD table, written out by hand, so the generator itself is checked.
    @Test func loadTableByHand() {
        let expected = """
            | Bits | Width | Field | Encoding | Meaning |
            |---|---|---|---|---|
            | 0–3 | 4 | `opcode` | 1 = `LOAD` | operation |
            | 4 | 1 | `popPrevious` | 1 = true | take a token from the previous unit before starting |
            | 5 | 1 | `popNext` | 1 = true | take a token from the next unit before starting |
            | 6 | 1 | `pushPrevious` | 1 = true | give the previous unit a token when done |
            | 7 | 1 | `pushNext` | 1 = true | give the next unit a token when done |
            | 8–23 | 16 | `layer` | unsigned | index into the program's layer table |
            | 24–25 | 2 | `buffer` | 0 = `input`, 1 = `weight` | SRAM buffer written |
            | 26–27 | 2 | `elementBytes` | log2 of bytes: 1 → 0, 2 → 1, 4 → 2, 8 → 3 | bytes per element |
            | 28–67 | 40 | `dramAddress` | unsigned, DRAM byte address | DRAM byte address of the first element read |
            | 68–91 | 24 | `sramAddress` | unsigned, byte address in the buffer `buffer` names | byte address in `buffer` of the box's first element |
            | 92–107 | 16 | `depth` | unsigned | planes (channels, or weight rows) |
            | 108–123 | 16 | `rows` | unsigned | rows read per plane |
            | 124–139 | 16 | `columns` | unsigned | elements read per row |
            | 140–179 | 40 | `dramPlaneStride` | unsigned | bytes between planes in DRAM |
            | 180–211 | 32 | `dramRowStride` | unsigned | bytes between rows in DRAM |
            | 212–219 | 8 | `padTop` | unsigned | padding rows above each plane |
            | 220–227 | 8 | `padBottom` | unsigned | padding rows below each plane |
            | 228–235 | 8 | `padLeft` | unsigned | padding elements left of each row |
            | 236–243 | 8 | `padRight` | unsigned | padding elements right of each row |
            | 244–275 | 32 | `padValue` | two's complement | value written into the padding |
            | 276–511 | 236 | — | zero | reserved |

            """
        #expect(Opcode.load.layout.markdownTable == expected)
    }

    @Test func poolTableShowsTheReservedBitAfterMultiplier() throws {
        let table = Opcode.pool.layout.markdownTable
        let multiplier = try #require(Opcode.pool.layout.field(named: "multiplier"))
        let gap = multiplier.offset + multiplier.width
        #expect(table.contains("| \(gap) | 1 | — | zero | reserved |"))
    }
}
