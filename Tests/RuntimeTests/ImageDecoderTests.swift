import Foundation
import IR
import Testing
@testable import Runtime

@Suite struct ImageDecoderTests {
    /// PNG (every colour type and bit depth, palettes, tRNS, Adam7) and PPM/PGM decode exactly to the
    /// samples the fixture script encoded, divided by the full-scale value.
    @Test(arguments: ImageFixtures.losslessImages)
    func losslessFormatsDecodeExactly(name: String) throws {
        let image = try ImageDecoder.load(ImageFixtures.url(name))
        let expected = try ImageFixtures.expected(name)
        #expect([image.height, image.width, image.format.channelCount] == expected.shape.dims)
        #expect(image.samples == expected.floats)
    }

    /// JPEG matches Pillow's decoding within two levels of 255 (IDCT and upsampling may differ).
    @Test(arguments: ImageFixtures.jpegImages)
    func jpegMatchesPillow(name: String) throws {
        let image = try ImageDecoder.load(ImageFixtures.url(name))
        let expected = try ImageFixtures.expected(name)
        #expect([image.height, image.width, image.format.channelCount] == expected.shape.dims)
        let worst = zip(image.samples, expected.floats).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 2 / 255)
    }

    @Test func channelLayoutsFollowTheFile() throws {
        let formats = try ["gray8.png", "graya16.png", "palette2.png", "rgba8.png", "gray8_trns.png", "gray.jpg", "rgb.jpg"]
            .map { try ImageDecoder.load(ImageFixtures.url($0)).format }
        #expect(formats == [.gray, .grayAlpha, .rgb, .rgba, .grayAlpha, .gray, .rgb])
    }

    @Test func formatComesFromTheBytesNotTheName() throws {
        let png = try ImageFixtures.bytes("rgb8.png")
        #expect(try ImageDecoder.decode(png, path: "photo.jpg") == ImageDecoder.load(ImageFixtures.url("rgb8.png")))
        #expect(throws: RuntimeError.self) { try ImageDecoder.decode(Data("GIF89a....".utf8), path: "x.png") }
    }

    @Test func unknownFormatNamesTheFile() {
        #expect(throws: RuntimeError.unsupportedImage(path: "notes.png", reason: "not a PNG, JPEG or PPM/PGM file (5 bytes starting with [68 65 6c 6c 6f])")) {
            try ImageDecoder.decode(Data("hello".utf8), path: "notes.png")
        }
    }

    @Test func cmykJPEGIsUnsupported() throws {
        let error = try #require(throws: RuntimeError.self) { try ImageDecoder.load(ImageFixtures.url("cmyk.jpg")) }
        guard case .unsupportedImage(let path, let reason) = error else { Issue.record("\(error)"); return }
        #expect(path.hasSuffix("cmyk.jpg") && reason.contains("CMYK"))
    }

    @Test(arguments: [("truncated.png", "PNG"), ("corrupt_crc.png", "PNG"), ("corrupt.jpg", "JPEG")])
    func brokenFixturesAreMalformed(name: String, format: String) throws {
        let error = try #require(throws: RuntimeError.self) { try ImageDecoder.load(ImageFixtures.url(name)) }
        guard case .malformedImage(let path, let reportedFormat, let reason) = error else { Issue.record("\(error)"); return }
        #expect(path.hasSuffix(name) && reportedFormat == format && !reason.isEmpty)
        #expect(error.localizedDescription.contains(name))
    }

    /// Every proper prefix of a valid file is an error, never a crash or an image. (A plain PGM/PPM
    /// cut inside or after its last number is a valid file with a different last sample, so those
    /// prefixes are left out.)
    @Test(arguments: ["gray1.png", "rgb16.png", "palette4_trns.png", "rgb8_interlaced.png", "gray.jpg", "rgb.jpg",
                      "rgb_progressive.jpg", "gray_p2.pgm", "rgb_p3.ppm", "gray_p5_16.pgm", "rgb_p6.ppm"])
    func everyTruncationIsAnError(name: String) throws {
        let bytes = [UInt8](try ImageFixtures.bytes(name))
        let isPlain = bytes.starts(with: Array("P2".utf8)) || bytes.starts(with: Array("P3".utf8))
        for length in 0..<(isPlain ? Self.startOfLastNumber(bytes) : bytes.count) {
            #expect(throws: RuntimeError.self, "\(name) cut to \(length) bytes") {
                try ImageDecoder.decode(Data(bytes.prefix(length)), path: name)
            }
        }
    }

    /// Where the last decimal number of a plain PGM/PPM starts.
    private static func startOfLastNumber(_ bytes: [UInt8]) -> Int {
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let lastDigit = bytes.lastIndex(where: isDigit)!
        return (bytes[..<lastDigit].lastIndex { !isDigit($0) } ?? -1) + 1
    }

    /// Byte changes spread over valid files (past the signature) give an error or an image in
    /// `[0, 1]`, never a crash.
    @Test(arguments: ["rgb8.png", "palette4_trns.png", "rgb.jpg", "rgb_progressive.jpg", "rgb_p6_16.ppm", "rgb_p3.ppm"])
    func corruptedBytesNeverCrash(name: String) throws {
        let original = [UInt8](try ImageFixtures.bytes(name))
        for trial in 0..<400 {
            var bytes = original
            for change in 0..<(1 + trial % 3) {
                let position = 3 + (trial * 7919 + change * 104_729) % (bytes.count - 3)
                bytes[position] = UInt8(truncatingIfNeeded: trial * 151 + change * 89 + 7)
            }
            if let image = try? ImageDecoder.decode(Data(bytes), path: name) {
                #expect(image.samples.allSatisfy { (0...1).contains($0) })
            }
        }
    }

    @Test func missingFileIsAnIOError() {
        #expect(throws: RuntimeError.self) { try ImageDecoder.load(ImageFixtures.url("no-such-file.png")) }
    }
}
