extension MemoryImageWriter {
    /// The three text formats; each writes one word per line, most significant hex digit first.
    enum Format: CaseIterable {
        /// Verilog `$readmemh`: a `//` comment, then bare words.
        case readmemh
        /// Xilinx COE: `;` comment, radix 16, words separated by `,` and ended by `;`.
        case coe
        /// Intel MIF: `--` comment, WIDTH/DEPTH/radix header, `address : word;` lines.
        case mif

        var fileExtension: String {
            switch self {
            case .readmemh: "hex"
            case .coe: "coe"
            case .mif: "mif"
            }
        }
    }

    /// The most bytes of word lines handed to one `emit`.
    static let chunkSize = 1 << 20

    /// Produces the text of `image` in `format`, in chunks of at most `chunkSize` bytes. Words
    /// are little-endian (byte `i` of a word is bits `8i ..< 8i+8`), lowercase hex zero padded to
    /// `wordBits / 4` digits; the last word is padded with zero bytes. Every word line of one file
    /// has the same length, so each chunk is filled in place.
    static func encode(
        _ image: MemoryImage, as format: Format, wordBits: Int, emit: (ArraySlice<UInt8>) throws -> Void
    ) rethrows {
        let wordBytes = wordBits / 8
        let depth = image.depth(wordBits: wordBits)
        let addressDigits = format == .mif ? String(depth - 1, radix: 16).count : 0
        let lineLength = (format == .mif ? addressDigits + 3 : 0) + 2 * wordBytes + (format == .readmemh ? 1 : 2)
        let linesPerChunk = max(1, chunkSize / lineLength)
        let digits = Array("0123456789abcdef".utf8)
        try emit(Array(header(image, as: format, wordBits: wordBits).utf8)[...])
        var chunk = [UInt8](repeating: 0, count: min(linesPerChunk, depth) * lineLength)
        for first in stride(from: 0, to: depth, by: linesPerChunk) {
            var position = 0
            for word in first..<min(first + linesPerChunk, depth) {
                if format == .mif {
                    position = put(hex: word, digitCount: addressDigits, digits: digits, into: &chunk, at: position)
                    for byte in " : ".utf8 { position = put(byte, into: &chunk, at: position) }
                }
                position = put(word: word, of: image.bytes, wordBytes: wordBytes, digits: digits, into: &chunk, at: position)
                switch format {
                case .readmemh: break
                case .coe: position = put(UInt8(ascii: word == depth - 1 ? ";" : ","), into: &chunk, at: position)
                case .mif: position = put(UInt8(ascii: ";"), into: &chunk, at: position)
                }
                position = put(UInt8(ascii: "\n"), into: &chunk, at: position)
            }
            try emit(chunk[..<position])
        }
        if format == .mif { try emit(Array("END;\n".utf8)[...]) }
    }

    /// The comment line naming the region and, for COE and MIF, the lines before the first word.
    static func header(_ image: MemoryImage, as format: Format, wordBits: Int) -> String {
        let depth = image.depth(wordBits: wordBits)
        let description = "\(image.name): \(image.kind.rawValue) image, \(image.bytes.count) bytes at byte address 0x"
            + String(image.baseAddress, radix: 16) + " (word 0x" + String(image.baseAddress / (wordBits / 8), radix: 16)
            + "), depth \(depth), \(wordBits)-bit words, little-endian\n"
        switch format {
        case .readmemh:
            return "// " + description
        case .coe:
            return "; " + description + "memory_initialization_radix=16;\nmemory_initialization_vector=\n"
        case .mif:
            return "-- " + description + "WIDTH=\(wordBits);\nDEPTH=\(depth);\nADDRESS_RADIX=HEX;\nDATA_RADIX=HEX;\nCONTENT BEGIN\n"
        }
    }

    /// Writes word `word` of `bytes` at `position`, most significant byte first; bytes past the end
    /// are zero. Returns the position after it.
    private static func put(word: Int, of bytes: [UInt8], wordBytes: Int, digits: [UInt8], into text: inout [UInt8], at position: Int) -> Int {
        let start = word * wordBytes
        var position = position
        for index in stride(from: start + wordBytes - 1, through: start, by: -1) {
            let byte = index < bytes.count ? Int(bytes[index]) : 0
            text[position] = digits[byte >> 4]
            text[position + 1] = digits[byte & 15]
            position += 2
        }
        return position
    }

    /// Writes `value` as `digitCount` hex digits, zero padded, at `position`. Returns the position after it.
    private static func put(hex value: Int, digitCount: Int, digits: [UInt8], into text: inout [UInt8], at position: Int) -> Int {
        for digit in 0..<digitCount {
            text[position + digit] = digits[(value >> (4 * (digitCount - 1 - digit))) & 15]
        }
        return position + digitCount
    }

    /// Writes `byte` at `position`. Returns the position after it.
    private static func put(_ byte: UInt8, into text: inout [UInt8], at position: Int) -> Int {
        text[position] = byte
        return position + 1
    }
}
