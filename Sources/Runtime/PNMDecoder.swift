/// Decodes Netpbm PGM and PPM images: plain (`P2`, `P3`, decimal text) and raw (`P5`, `P6`, one byte
/// per sample, or two big-endian bytes when maxval > 255), maxval 1…65535, `#` comments in the header
/// (and, leniently, between plain samples). Samples are divided by maxval.
struct PNMDecoder {
    private let bytes: [UInt8]
    private let path: String
    private var position = 2

    /// Decodes `bytes`, which start with `P2`, `P3`, `P5` or `P6`.
    static func decode(_ bytes: [UInt8], path: String, maxSampleCount: Int) throws -> Image {
        var decoder = PNMDecoder(bytes: bytes, path: path)
        return try decoder.decodeImage(maxSampleCount: maxSampleCount)
    }

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    private mutating func decodeImage(maxSampleCount: Int) throws -> Image {
        let kind = bytes[1]
        let format: Image.PixelFormat = kind == UInt8(ascii: "3") || kind == UInt8(ascii: "6") ? .rgb : .gray
        let isPlain = kind == UInt8(ascii: "2") || kind == UInt8(ascii: "3")
        let width = try headerNumber("width")
        let height = try headerNumber("height")
        let maxValue = try headerNumber("maxval")
        guard width > 0, height > 0 else { throw malformed("the size is \(width)×\(height)") }
        guard (1...65535).contains(maxValue) else { throw malformed("maxval \(maxValue) is outside 1…65535") }
        let (pixels, pixelOverflow) = width.multipliedReportingOverflow(by: height)
        let (count, sampleOverflow) = pixels.multipliedReportingOverflow(by: format.channelCount)
        guard !pixelOverflow, !sampleOverflow, count <= maxSampleCount else {
            throw RuntimeError.unsupportedImage(
                path: path, reason: "PPM/PGM: \(width)×\(height) pixels is more than \(maxSampleCount) samples")
        }
        let values = isPlain ? try plainSamples(count) : try rawSamples(count, wide: maxValue > 255)
        if let large = values.first(where: { Int($0) > maxValue }) {
            throw malformed("sample \(large) exceeds maxval \(maxValue)")
        }
        let scale = Float(maxValue)
        return Image(width: width, height: height, format: format, samples: values.map { Float($0) / scale })
    }

    private func malformed(_ reason: String) -> RuntimeError {
        .malformedImage(path: path, format: ImageFormat.pnm.rawValue, reason: reason)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Skips whitespace and `#` comments (which run to the end of the line).
    private mutating func skipSeparators() {
        while position < bytes.count {
            if Self.isWhitespace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The next decimal number after separators; `what` names it in errors.
    private mutating func number(_ what: String) throws -> Int {
        skipSeparators()
        let start = position
        var value = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            guard value <= Int(Int32.max) else { throw malformed("\(what) is too large") }
            position += 1
        }
        guard position > start else {
            throw malformed(position == bytes.count ? "file ends before the \(what)" : "expected the \(what), found byte \(bytes[position])")
        }
        return value
    }

    /// A header number, which must be followed by whitespace or a comment.
    private mutating func headerNumber(_ what: String) throws -> Int {
        let value = try number(what)
        guard position < bytes.count, Self.isWhitespace(bytes[position]) || bytes[position] == UInt8(ascii: "#") else {
            throw malformed(position == bytes.count ? "file ends after the \(what)" : "unexpected byte \(bytes[position]) after the \(what)")
        }
        return value
    }

    private mutating func plainSamples(_ count: Int) throws -> [UInt16] {
        // Each plain sample takes at least two bytes (a digit and a separator) but the last.
        guard count <= (bytes.count - position + 1) / 2 else {
            throw malformed("the text raster is too short for \(count) samples")
        }
        var values: [UInt16] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            let value = try number("sample \(index) of \(count)")
            guard value <= 65535 else { throw malformed("sample \(index) is \(value), more than 65535") }
            values.append(UInt16(value))
        }
        return values
    }

    private mutating func rawSamples(_ count: Int, wide: Bool) throws -> [UInt16] {
        guard Self.isWhitespace(bytes[position]) else {
            throw malformed("maxval must be followed by a single whitespace byte, found byte \(bytes[position])")
        }
        position += 1
        let width = wide ? 2 : 1
        let available = bytes.count - position
        guard available >= count * width else {
            throw malformed("the raster has \(available) bytes, \(count) samples need \(count * width)")
        }
        let raster = bytes[position..<position + count * width]
        if wide {
            return stride(from: raster.startIndex, to: raster.endIndex, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        }
        return raster.map(UInt16.init)
    }
}
