import Foundation

extension BinFile {
    /// Reads and validates a `.bin` file; `path` names it in errors.
    public static func load(_ url: URL) throws -> BinFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AcceleratorError.unreadableBin(path: url.path, reason: "cannot read the file")
        }
        return try decode([UInt8](data), path: url.path)
    }

    /// Parses `bytes`, refusing a wrong magic or major version, truncation, sections outside the
    /// file and checksum mismatches, each with the numbers involved.
    public static func decode(_ bytes: [UInt8], path: String) throws -> BinFile {
        func fail(_ reason: String) -> AcceleratorError { .malformedBin(path: path, reason: reason) }
        guard bytes.count >= headerSize else {
            throw fail("truncated: \(bytes.count) bytes, the header alone has \(headerSize)")
        }
        guard Array(bytes[0..<8]) == magic else { throw fail("not a vggc .bin file (wrong magic)") }
        let reader = LittleEndianReader(bytes: bytes)
        let major: UInt16 = reader.read(at: 8), minor: UInt16 = reader.read(at: 10)
        guard major == majorVersion else {
            throw AcceleratorError.unsupportedBinVersion(path: path, found: "\(major).\(minor)", supported: "\(majorVersion).x")
        }
        let count = Int(reader.read(at: 12) as UInt32)
        let declaredSize = reader.read(at: 16) as UInt64
        guard declaredSize == UInt64(bytes.count) else {
            throw fail("truncated or padded: header says \(declaredSize) bytes, file has \(bytes.count)")
        }
        guard count <= (bytes.count - headerSize) / tableEntrySize else {
            throw fail("section table of \(count) entries does not fit in \(bytes.count) bytes")
        }
        return BinFile(sections: try (0..<count).map { index in
            try section(index, reader: reader, path: path)
        }, fileMinorVersion: minor)
    }

    private static func section(_ index: Int, reader: LittleEndianReader, path: String) throws -> BinSection {
        let entry = headerSize + index * tableEntrySize
        let tagBytes = Array(reader.bytes[entry..<entry + 4])
        let tag = String(decoding: tagBytes, as: UTF8.self)
        let offset: UInt64 = reader.read(at: entry + 8), length: UInt64 = reader.read(at: entry + 16)
        let expected: UInt32 = reader.read(at: entry + 24)
        let size = UInt64(reader.bytes.count)
        guard tagBytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw AcceleratorError.malformedBin(path: path, reason: "section \(index) has a non-ASCII tag")
        }
        guard offset <= size, length <= size - offset else {
            throw AcceleratorError.malformedBin(path: path, reason: "section \(index) '\(tag)' spans bytes \(offset)..<\(offset &+ length), beyond the \(size)-byte file")
        }
        let payload = Array(reader.bytes[Int(offset)..<Int(offset + length)])
        let actual = checksum(payload)
        guard actual == expected else {
            throw AcceleratorError.checksumMismatch(path: path, section: tag, expected: expected, actual: actual)
        }
        return BinSection(tag: tag, payload: payload)
    }
}

/// Reads little-endian integers from a byte array at offsets the caller has bounds-checked.
package struct LittleEndianReader {
    package var bytes: [UInt8]

    package func read<Word: FixedWidthInteger>(at offset: Int) -> Word {
        (0..<(Word.bitWidth / 8)).reduce(Word.zero) { $0 | Word(bytes[offset + $1]) << (8 * $1) }
    }
}
