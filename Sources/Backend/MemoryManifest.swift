import Foundation

/// What `MemoryImageWriter.write` put in a directory: one entry per image, in the order given.
/// Written as `manifest.json` (sorted keys, pretty printed, no timestamps).
public struct MemoryManifest: Codable, Hashable, Sendable {
    /// One image's placement and files.
    public struct Entry: Codable, Hashable, Sendable {
        /// The three files written for one image, relative to the manifest's directory.
        public struct Files: Codable, Hashable, Sendable {
            public var readmemh: String
            public var coe: String
            public var mif: String
        }

        public var name: String
        public var kind: MemoryImage.Kind
        /// Byte address of the image in its memory.
        public var baseAddress: Int
        /// The image's own bytes, before padding to whole words.
        public var byteCount: Int
        public var wordBits: Int
        /// Words in each file: `byteCount` rounded up to whole words, at least 1.
        public var depth: Int
        /// Word address of the first word in its memory: `baseAddress / (wordBits / 8)`.
        public var firstWordAddress: Int
        /// Zero bytes appended after the image to fill `depth` words (a whole word for an empty image).
        public var paddingBytes: Int
        public var files: Files

        /// The entry for `image` written at `wordBits`-bit words (a width the writer accepts).
        public init(image: MemoryImage, wordBits: Int) {
            let wordBytes = wordBits / 8
            let depth = image.depth(wordBits: wordBits)
            name = image.name
            kind = image.kind
            baseAddress = image.baseAddress
            byteCount = image.bytes.count
            self.wordBits = wordBits
            self.depth = depth
            firstWordAddress = image.baseAddress / wordBytes
            paddingBytes = depth * wordBytes - image.bytes.count
            files = Files(readmemh: image.name + ".hex", coe: image.name + ".coe", mif: image.name + ".mif")
        }
    }

    /// Bits per word in every file (the accelerator's bus width).
    public var wordBits: Int
    public var entries: [Entry]

    public init(wordBits: Int, entries: [Entry]) {
        self.wordBits = wordBits
        self.entries = entries
    }

    /// The `manifest.json` text: sorted keys, pretty printed, a final newline. Same manifest, same bytes.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}
