import Foundation
import Testing
@testable import Accelerator

@Suite struct BinFileTests {
    static let sample = BinFile(sections: [
        BinSection(.metadata, payload: Array(#"{"model":"tiny"}"#.utf8)),
        BinSection(.quantizedGraph, payload: (0..<100).map { UInt8($0) }),
        BinSection(tag: "XTRA", payload: []),
    ])

    @Test func roundTrips() throws {
        let decoded = try BinFile.decode(Self.sample.encoded(), path: "m.bin")
        #expect(decoded == Self.sample)
        #expect(decoded.payload(.metadata) == Array(#"{"model":"tiny"}"#.utf8))
    }

    @Test func sameSectionsGiveTheSameBytes() {
        #expect(Self.sample.encoded() == Self.sample.encoded())
    }

    /// The header layout of docs/FORMAT.md, checked byte by byte.
    @Test func headerLayout() {
        let bytes = Self.sample.encoded()
        #expect(Array(bytes[0..<8]) == Array("VGGC.BIN".utf8))
        #expect(bytes[8] == 1 && bytes[9] == 0)  // major 1
        #expect(bytes[10] == 0 && bytes[11] == 0)  // minor 0
        #expect(bytes[12] == 3)  // three sections
        #expect(Int(bytes[16]) | Int(bytes[17]) << 8 == bytes.count)
        #expect(Array(bytes[32..<36]) == Array("META".utf8))
        let firstOffset = Int(bytes[40]) | Int(bytes[41]) << 8
        #expect(firstOffset % 64 == 0 && firstOffset >= 32 + 3 * 32)
    }

    /// CRC-32 of "123456789" is the standard check value 0xCBF43926.
    @Test func checksumIsCRC32() {
        #expect(BinFile.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func refusesWrongMagic() {
        var bytes = Self.sample.encoded()
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: AcceleratorError.malformedBin(path: "m.bin", reason: "not a vggc .bin file (wrong magic)")) {
            try BinFile.decode(bytes, path: "m.bin")
        }
    }

    /// A newer minor version of the same major reads, and says which minor it was.
    @Test func acceptsAnotherMinorVersion() throws {
        var bytes = Self.sample.encoded()
        bytes[10] = 9
        let decoded = try BinFile.decode(bytes, path: "m.bin")
        #expect(decoded.fileMinorVersion == 9)
        #expect(decoded.sections == Self.sample.sections)
    }

    @Test func refusesAnotherMajorVersion() {
        var bytes = Self.sample.encoded()
        bytes[8] = 7
        #expect(throws: AcceleratorError.unsupportedBinVersion(path: "m.bin", found: "7.0", supported: "1.x")) {
            try BinFile.decode(bytes, path: "m.bin")
        }
    }

    @Test func everyTruncationIsRefused() {
        let bytes = Self.sample.encoded()
        for length in 0..<bytes.count {
            #expect(throws: AcceleratorError.self) { try BinFile.decode(Array(bytes.prefix(length)), path: "m.bin") }
        }
    }

    @Test func everyPayloadBitFlipIsCaught() throws {
        let bytes = Self.sample.encoded()
        let offset = Int(bytes[72]) | Int(bytes[73]) << 8  // second section's offset
        for index in offset..<offset + 100 {
            var corrupted = bytes
            corrupted[index] ^= 0x10
            #expect(throws: AcceleratorError.self) { try BinFile.decode(corrupted, path: "m.bin") }
        }
    }

    @Test func refusesSectionsBeyondTheFile() {
        var bytes = Self.sample.encoded()
        bytes[32 + 16 + 5] = 0x01  // first section length += 2^40
        #expect(throws: AcceleratorError.self) { try BinFile.decode(bytes, path: "m.bin") }
        bytes = Self.sample.encoded()
        for index in 40..<48 { bytes[index] = 0xFF }  // offset near UInt64.max
        #expect(throws: AcceleratorError.self) { try BinFile.decode(bytes, path: "m.bin") }
    }

    @Test func refusesAHugeSectionCount() {
        var bytes = Self.sample.encoded()
        bytes[15] = 0x7F
        #expect(throws: AcceleratorError.self) { try BinFile.decode(bytes, path: "m.bin") }
    }
}
