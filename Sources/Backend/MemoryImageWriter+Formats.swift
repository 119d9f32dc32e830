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

    /// Bytes of text collected before each `emit`.
    static let chunkSize = 1 << 20

    /// Produces the text of `image` in `format`, in chunks of about `chunkSize` bytes. Words are
    /// little-endian (byte `i` of a word is bits `8i ..< 8i+8`), lowercase hex zero padded to
    /// `wordBits / 4` digits; the last word is padded with zero bytes.
    static func encode(
        _ image: MemoryImage, as format: Format, wordBits: Int, emit: ([UInt8]) throws -> Void
    ) rethrows {
        let wordBytes = wordBits / 8
        let depth = image.depth(wordBits: wordBits)
        let addressDigits = String(depth - 1, radix: 16).count
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = Array(header(image, as: format, wordBits: wordBits).utf8)
        text.reserveCapacity(chunkSize + 2 * wordBytes + addressDigits + 8)
        for word in 0..<depth {
            if format == .mif {
                appendHex(word, digitCount: addressDigits, digits: digits, to: &text)
                text += [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")]
            }
            appendWord(word, of: image.bytes, wordBytes: wordBytes, digits: digits, to: &text)
            switch format {
            case .readmemh: break
            case .coe: text.append(UInt8(ascii: word == depth - 1 ? ";" : ","))
            case .mif: text.append(UInt8(ascii: ";"))
            }
            text.append(UInt8(ascii: "\n"))
            if text.count >= chunkSize {
                try emit(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        if format == .mif { text += Array("END;\n".utf8) }
        try emit(text)
    }

    /// The comment line naming the region and, for COE and MIF, the lines before the first word.
    static func header(_ image: MemoryImage, as format: Format, wordBits: Int) -> String {
        let depth = image.depth(wordBits: wordBits)
        let description = "\(image.name): \(image.kind.rawValue) image, \(image.bytes.count) bytes at byte address 0x"
            + String(image.baseAddress, radix: 16) + " (word 0x" + String(image.baseAddress / (wordBits / 8), radix: 16)
            + "), \(depth) words of \(wordBits) bits, little-endian\n"
        switch format {
        case .readmemh:
            return "// " + description
        case .coe:
            return "; " + description + "memory_initialization_radix=16;\nmemory_initialization_vector=\n"
        case .mif:
            return "-- " + description + "WIDTH=\(wordBits);\nDEPTH=\(depth);\nADDRESS_RADIX=HEX;\nDATA_RADIX=HEX;\nCONTENT BEGIN\n"
        }
    }

    /// Appends word `word` of `bytes`, most significant byte first; bytes past the end are zero.
    private static func appendWord(_ word: Int, of bytes: [UInt8], wordBytes: Int, digits: [UInt8], to text: inout [UInt8]) {
        let start = word * wordBytes
        for index in stride(from: start + wordBytes - 1, through: start, by: -1) {
            let byte = index < bytes.count ? Int(bytes[index]) : 0
            text.append(digits[byte >> 4])
            text.append(digits[byte & 15])
        }
    }

    /// Appends `value` as `digitCount` hex digits, zero padded.
    private static func appendHex(_ value: Int, digitCount: Int, digits: [UInt8], to text: inout [UInt8]) {
        for position in stride(from: digitCount - 1, through: 0, by: -1) {
            text.append(digits[(value >> (4 * position)) & 15])
        }
    }
}
