import Foundation

extension BinFile {
    /// Where each section's payload starts in the encoded file, and the file's total size.
    public var layout: (offsets: [Int], totalSize: Int) {
        var offsets: [Int] = []
        var cursor = Self.aligned(Self.headerSize + Self.tableEntrySize * sections.count)
        for section in sections {
            offsets.append(cursor)
            cursor = Self.aligned(cursor + section.payload.count)
        }
        return (offsets, offsets.last.map { $0 + sections.last!.payload.count } ?? Self.headerSize)
    }

    /// The file's bytes. Deterministic: the same sections give the same bytes.
    public func encoded() -> [UInt8] {
        var bytes = headerAndTable()
        bytes.reserveCapacity(layout.totalSize)
        for (section, offset) in zip(sections, layout.offsets) {
            bytes += [UInt8](repeating: 0, count: offset - bytes.count)
            bytes += section.payload
        }
        return bytes
    }

    /// Writes the encoded file to `url` section by section, without assembling it in memory.
    public func write(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw AcceleratorError.cannotWrite(path: url.path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        do {
            var written = 0
            func emit(_ bytes: [UInt8]) throws {
                try handle.write(contentsOf: bytes)
                written += bytes.count
            }
            try emit(headerAndTable())
            for (section, offset) in zip(sections, layout.offsets) {
                try emit([UInt8](repeating: 0, count: offset - written))
                try emit(section.payload)
            }
        } catch {
            throw AcceleratorError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The header and the section table.
    private func headerAndTable() -> [UInt8] {
        let (offsets, total) = layout
        var bytes = Self.magic
        bytes.appendLittleEndian(Self.majorVersion)
        bytes.appendLittleEndian(fileMinorVersion)
        bytes.appendLittleEndian(UInt32(sections.count))
        bytes.appendLittleEndian(UInt64(total))
        bytes.appendLittleEndian(UInt64(0))
        for (section, offset) in zip(sections, offsets) {
            bytes += Array(section.tag.utf8)
            bytes.appendLittleEndian(UInt32(0))
            bytes.appendLittleEndian(UInt64(offset))
            bytes.appendLittleEndian(UInt64(section.payload.count))
            bytes.appendLittleEndian(Self.checksum(section.payload))
            bytes.appendLittleEndian(UInt32(0))
        }
        return bytes
    }

    package static func aligned(_ offset: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` in little-endian byte order.
    package mutating func appendLittleEndian<Word: FixedWidthInteger>(_ value: Word) {
        for index in 0..<(Word.bitWidth / 8) {
            append(UInt8(truncatingIfNeeded: value >> (8 * index)))
        }
    }
}
