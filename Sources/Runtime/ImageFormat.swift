/// The image file formats vggc reads, recognised by their first bytes (never by the file name).
enum ImageFormat: String, CaseIterable {
    case png = "PNG"
    case jpeg = "JPEG"
    /// Netpbm PGM (`P2`, `P5`) and PPM (`P3`, `P6`).
    case pnm = "PPM/PGM"

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The format whose signature starts `bytes`, or nil.
    init?(signatureOf bytes: [UInt8]) {
        if bytes.starts(with: Self.pngSignature) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), Array("2356".utf8).contains(bytes[1]) {
            self = .pnm
        } else {
            return nil
        }
    }
}
