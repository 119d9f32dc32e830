/// One section of a `.bin` file: a four-character tag and its payload.
public struct BinSection: Hashable, Sendable {
    /// Section kinds, by tag. Readers skip tags they do not know (a newer minor version may add some).
    public enum Tag: String, Hashable, Sendable, CaseIterable {
        /// JSON: the model's name and source, input and output descriptors, preprocessing, labels.
        case metadata = "META"
        /// JSON: the quantized graph the integer reference executes.
        case quantizedGraph = "QGRF"
        /// JSON: the hardware config the program was compiled for.
        case hardwareConfig = "HWCF"
        /// The instruction stream: 64 bytes per instruction (docs/ISA.md).
        case instructions = "CODE"
        /// The DRAM image of constants from address 0: weights, parameter records, tables.
        case dramImage = "DRAM"
        /// JSON: input and output descriptors (`ProgramInterface`).
        case interface = "IODS"
        /// JSON: the per-layer table (`ProgramLayer`).
        case layers = "LAYR"
        /// UTF-8 class labels, one per line.
        case labels = "LABL"
    }

    /// The tag as stored: exactly four ASCII bytes.
    public var tag: String
    public var payload: [UInt8]

    public init(tag: String, payload: [UInt8]) {
        self.tag = tag
        self.payload = payload
    }

    public init(_ tag: Tag, payload: [UInt8]) {
        self.init(tag: tag.rawValue, payload: payload)
    }
}
