import Foundation
import Testing
@testable import Runtime

@Suite struct PNMDecoderTests {
    private func decode(_ text: String) throws -> Image {
        try ImageDecoder.decode(Data(text.utf8), path: "t.pnm")
    }

    private func decode(_ header: String, raster: [UInt8]) throws -> Image {
        try ImageDecoder.decode(Data(header.utf8) + Data(raster), path: "t.pnm")
    }

    @Test func plainGrayWithCommentsEverywhere() throws {
        let image = try decode("P2#c\n# size next\n3#x\n 1\n4 # maxval 4\n0 2\n#mid\n4")
        #expect(image == Image(width: 3, height: 1, format: .gray, samples: [0, 0.5, 1]))
    }

    @Test func rawSixteenBitIsBigEndian() throws {
        let image = try decode("P5 2 1 65535\n", raster: [0x01, 0x02, 0xFF, 0xFF])
        #expect(image.samples == [Float(0x0102) / 65535, 1])
    }

    @Test func rawMaxvalBelow256UsesOneByte() throws {
        let image = try decode("P6 1 1 100\n", raster: [0, 50, 100])
        #expect(image == Image(width: 1, height: 1, format: .rgb, samples: [0, 0.5, 1]))
    }

    /// A raw raster may start with a byte that looks like whitespace or `#`: only one separator byte
    /// follows maxval.
    @Test func rasterStartsRightAfterOneSeparator() throws {
        let image = try decode("P5 2 1 255\n", raster: [0x0A, 0x23])
        #expect(image.samples == [Float(0x0A) / 255, Float(0x23) / 255])
    }

    @Test(arguments: [
        ("P2 2 1 3\n1 4", "sample 4 exceeds maxval 3"),
        ("P2 0 1 3\n", "the size is 0×1"),
        ("P2 1 1 0\n0", "maxval 0 is outside 1…65535"),
        ("P2 1 1 70000\n0", "maxval 70000 is outside 1…65535"),
        ("P2 1 1 9x\n0", "unexpected byte 120 after the maxval"),
        ("P3 2 1 255\n1 2 3 4 555", "file ends before the sample 5 of 6"),
        ("P3 1 1 255\n1 2 x", "expected the sample 2 of 3, found byte 120"),
        ("P2 99999999999 1 255\n", "width is too large"),
        ("P5 2 2 255#\n", "maxval must be followed by a single whitespace byte, found byte 35"),
        ("P5 2 2 255\n\u{1}\u{2}\u{3}", "the raster has 3 bytes, 4 samples need 4"),
        ("P6 2 1 256\n\u{0}\u{1}", "the raster has 2 bytes, 6 samples need 12"),
        ("P2 2 2 255\n1 2 3", "the text raster is too short for 4 samples"),
    ])
    func malformedFilesSayWhy(text: String, reason: String) {
        #expect(throws: RuntimeError.malformedImage(path: "t.pnm", format: "PPM/PGM", reason: reason)) { try decode(text) }
    }

    @Test func hugeSizesAreRefusedBeforeAllocating() {
        #expect(throws: RuntimeError.unsupportedImage(path: "t.pnm", reason: "PPM/PGM: 2000000000×2000000000 pixels is more than \(ImageDecoder.maxSampleCount) samples")) {
            try decode("P6 2000000000 2000000000 255\n")
        }
    }
}
