import CZlib
import Foundation

/// The `.bin` container: a versioned, little-endian file of checksummed sections
/// (docs/FORMAT.md).
///
/// ```
/// offset  size  field
/// 0       8     magic "VGGC.BIN"
/// 8       2     major version (readers refuse a different major)
/// 10      2     minor version (readers accept any minor of their major)
/// 12      4     section count n
/// 16      8     total file size in bytes
/// 24      8     reserved, zero
/// 32      32*n  section table: tag (4 ASCII bytes), reserved u32, offset u64, length u64,
///               CRC-32 (zlib/IEEE) of the payload u32, reserved u32
/// ...           payloads, each starting at a multiple of 64 bytes, zero padding between
/// ```
public struct BinFile: Hashable, Sendable {
    public static let magic = Array("VGGC.BIN".utf8)
    public static let majorVersion: UInt16 = 1
    public static let minorVersion: UInt16 = 0
    package static let headerSize = 32
    package static let tableEntrySize = 32
    package static let alignment = 64

    public var sections: [BinSection]
    /// The minor version the file was written with (`minorVersion` for files this vggc writes).
    public var fileMinorVersion: UInt16

    public init(sections: [BinSection], fileMinorVersion: UInt16 = BinFile.minorVersion) {
        self.sections = sections
        self.fileMinorVersion = fileMinorVersion
    }

    /// The payload of the first section with `tag`, if any.
    public func payload(_ tag: BinSection.Tag) -> [UInt8]? {
        sections.first { $0.tag == tag.rawValue }?.payload
    }

    /// CRC-32 (the zlib / IEEE 802.3 polynomial) of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }
}
