import Accelerator

/// Rewrites the CRC-32 of every section whose span lies inside the file, so that a mutated `.bin`
/// passes the container's checksum test and reaches the section decoders (docs/FORMAT.md: a
/// 32-byte header with the section count at byte 12, then 32-byte table entries holding the
/// section's offset at +8, length at +16 and CRC-32 at +24, all little-endian).
enum BinChecksums {
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= BinFile.headerSize else { return bytes }
        var bytes = bytes
        let count = Int(word(bytes, at: 12, size: 4))
        for index in 0..<min(count, (bytes.count - BinFile.headerSize) / BinFile.tableEntrySize) {
            let entry = BinFile.headerSize + index * BinFile.tableEntrySize
            let offset = word(bytes, at: entry + 8, size: 8), length = word(bytes, at: entry + 16, size: 8)
            guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else { continue }
            let crc = BinFile.checksum(Array(bytes[Int(offset)..<Int(offset + length)]))
            for byte in 0..<4 { bytes[entry + 24 + byte] = UInt8(truncatingIfNeeded: crc >> (8 * byte)) }
        }
        return bytes
    }

    private static func word(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
