import CImageCodecs

extension ImageDecoder {
    /// Decodes a PNG or JPEG with the C libraries (through CImageCodecs, which catches their
    /// longjmp errors) and scales the 8- or 16-bit samples to `[0, 1]`.
    static func decodeWithLibrary(_ data: [UInt8], format: ImageFormat, path: String) throws -> Image {
        var decoded = vggc_decoded_image()
        defer { vggc_image_free(&decoded) }
        let decode = format == .png ? vggc_decode_png : vggc_decode_jpeg
        let status = data.withUnsafeBufferPointer { decode($0.baseAddress, $0.count, maxSampleCount, &decoded) }
        guard status == VGGC_DECODE_OK else {
            let reason = withUnsafeBytes(of: decoded.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if status == VGGC_DECODE_MALFORMED {
                throw RuntimeError.malformedImage(path: path, format: format.rawValue, reason: reason)
            }
            throw RuntimeError.unsupportedImage(path: path, reason: "\(format.rawValue): \(reason)")
        }
        return image(from: decoded)
    }

    private static func image(from decoded: vggc_decoded_image) -> Image {
        let width = Int(decoded.width), height = Int(decoded.height)
        let count = width * height * Int(decoded.channels)
        let samples: [Float]
        if decoded.bytes_per_sample == 2 {
            let values = UnsafeBufferPointer(start: decoded.samples.assumingMemoryBound(to: UInt16.self), count: count)
            samples = values.map { Float($0) / 65535 }
        } else {
            let values = UnsafeBufferPointer(start: decoded.samples.assumingMemoryBound(to: UInt8.self), count: count)
            samples = values.map { Float($0) / 255 }
        }
        return Image(width: width, height: height, format: Image.PixelFormat(channelCount: Int(decoded.channels))!,
                     samples: samples)
    }
}
