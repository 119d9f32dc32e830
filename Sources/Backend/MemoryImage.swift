/// One memory region to initialise: a DRAM region (weights, biases, requantization parameters,
/// tables), an SRAM buffer's initial image, or the instruction stream. `MemoryImageWriter` writes it
/// as `$readmemh` hex, Xilinx `.coe` and Intel `.mif` text (docs/FORMAT.md, "Memory images for RTL").
public struct MemoryImage: Hashable, Sendable {
    /// Which memory the image initialises.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A region of off-chip DRAM.
        case dram
        /// An on-chip SRAM buffer's initial contents.
        case sram
        /// The instruction stream: 64-byte instructions, laid out like any other image.
        case instructions
    }

    /// The file stem, for example `dram_conv1_1_weights`: letters, digits, `_`, `.` and `-` only.
    public var name: String
    public var kind: Kind
    /// Byte address of the first byte in its memory; a multiple of the word size when written.
    public var baseAddress: Int
    public var bytes: [UInt8]

    public init(name: String, kind: Kind, baseAddress: Int, bytes: [UInt8]) {
        self.name = name
        self.kind = kind
        self.baseAddress = baseAddress
        self.bytes = bytes
    }

    /// Words of `wordBits` bits that hold the image: the byte count rounded up to whole words, and
    /// at least one, so that an empty image still gives a valid file in every format. `wordBits` is
    /// a width `MemoryImageWriter` accepts (a multiple of 8 from 8 to 1024).
    public func depth(wordBits: Int) -> Int {
        let wordBytes = wordBits / 8
        return max(1, (bytes.count + wordBytes - 1) / wordBytes)
    }
}
