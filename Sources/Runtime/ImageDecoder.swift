import Foundation

/// Reads PNG (through libpng), JPEG (through libjpeg-turbo) and PPM/PGM images into `Image`s. The
/// format comes from the file's first bytes. Corrupt, truncated and unsupported files are errors
/// naming the file; no input makes the decoder crash.
public enum ImageDecoder {
    /// The most samples (`width × height × channels`) an image may have: 2²⁸, i.e. 1 GiB of floats.
    public static let maxSampleCount = 1 << 28

    /// Loads and decodes the image file at `url`.
    public static func load(_ url: URL) throws -> Image {
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw RuntimeError.io(path: url.path, reason: "cannot read file (\(error.localizedDescription))")
        }
        return try decode(bytes, path: url.path)
    }

    /// Decodes image file bytes; `path` only names the source in errors.
    public static func decode(_ bytes: Data, path: String) throws -> Image {
        let data = [UInt8](bytes)
        guard let format = ImageFormat(signatureOf: data) else {
            let start = data.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw RuntimeError.unsupportedImage(
                path: path, reason: "not a PNG, JPEG or PPM/PGM file (\(data.count) bytes starting with [\(start)])")
        }
        switch format {
        case .png, .jpeg: return try decodeWithLibrary(data, format: format, path: path)
        case .pnm: return try PNMDecoder.decode(data, path: path, maxSampleCount: maxSampleCount)
        }
    }
}
