import Foundation
import IR
import Testing
@testable import Runtime

@Suite struct PreprocessingApplyTests {
    /// Each case of `preprocessing.json` (bilinear up and down, centre crop of landscape and portrait
    /// images, padding, gray↔RGB, alpha, 16-bit, BGR, mean/std) equals the fixture script's numpy
    /// reference, whose resize is checked there against PyTorch's `interpolate`.
    @Test func fixtureCasesMatchTheNumpyReference() throws {
        let cases = try ImageFixtures.preprocessingCases()
        #expect(cases.count == 7)
        for (name, testCase) in cases {
            let tensor = try testCase.preprocessing.loadTensor(imageAt: ImageFixtures.url(testCase.source))
            let expected = try NPYFile.load(ImageFixtures.url("pre_\(name).npy"))
            #expect(tensor.shape == expected.shape, "\(name)")
            let worst = zip(tensor.floats, expected.floats).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
            // The source coordinates are float32 (as in PyTorch), the reference float64: the weights
            // differ by ~1e-6, which 1/std (up to 4.4) amplifies. A wrong step differs by > 1e-2.
            #expect(worst < 1e-5, "\(name): largest relative difference \(worst)")
        }
    }

    /// Upsampling [0, 1] to four pixels samples at −0.25 (clamped to 0), 0.25, 0.75 and 1.25 (clamped
    /// to the last pixel).
    @Test func halfPixelCentresByHand() throws {
        let image = Image(width: 2, height: 1, format: .gray, samples: [0, 1])
        let tensor = try Preprocessing(color: .gray, height: 1, width: 4).apply(to: image, path: "row")
        #expect(tensor.floats == [0, 0.25, 0.75, 1])
    }

    @Test func downsamplingByTwoAveragesPairs() throws {
        let image = Image(width: 4, height: 1, format: .gray, samples: [0, 0.5, 1, 0])
        let tensor = try Preprocessing(color: .gray, height: 1, width: 2).apply(to: image, path: "row")
        #expect(tensor.floats == [0.25, 0.5])
    }

    @Test func lumaAndChannelOrderByHand() throws {
        let image = Image(width: 1, height: 1, format: .rgba, samples: [1, 0.5, 0, 0.25])
        let gray = try Preprocessing(color: .gray, scale: 255, height: 1, width: 1).apply(to: image, path: "p")
        #expect(abs(gray.floats[0] - (0.299 * 255 + 0.587 * 127.5)) < 1e-3)
        let bgr = try Preprocessing(color: .rgb, channelOrder: .bgr, mean: [0.5, 0, 0], std: [0.5, 1, 2], height: 1, width: 1)
            .apply(to: image, path: "p")
        #expect(bgr.floats == [0, 0.5, 1])  // B, G, R; the mean and std count R, G, B
        #expect(bgr.shape == [1, 3, 1, 1])
    }

    @Test func paddingALargerImageIsAnError() throws {
        let image = Image(width: 30, height: 28, format: .gray, samples: Array(repeating: 0, count: 840))
        #expect(throws: RuntimeError.imageLargerThanInput(path: "digit.png", height: 28, width: 30, inputHeight: 32, inputWidth: 29)) {
            try Preprocessing(resize: .zeroPad, color: .gray, height: 32, width: 29).apply(to: image, path: "digit.png")
        }
    }

    @Test func mnistPaddingCentresTheDigit() throws {
        let image = Image(width: 28, height: 28, format: .gray, samples: Array(repeating: 1, count: 784))
        let tensor = try Preprocessing(resize: .zeroPad, color: .gray, height: 32, width: 32).apply(to: image, path: "d")
        let values = tensor.floats
        #expect(values.reduce(0, +) == 784)
        #expect(values[0..<(2 * 32 + 2)].allSatisfy { $0 == 0 } && values[2 * 32 + 2] == 1 && values[29 * 32 + 29] == 1)
    }

    @Test func centerCropResizesTheShorterSideTo256Over224() {
        #expect(Preprocessing(resize: .resizeThenCenterCrop, color: .rgb, height: 224, width: 224).centerCropResizeLength == 256)
        #expect(Preprocessing(resize: .resizeThenCenterCrop, color: .rgb, height: 32, width: 28).centerCropResizeLength == 36)
    }

    @Test(arguments: [
        (Preprocessing(color: .rgb, mean: [0, 0], height: 2, width: 2), "2 mean values for 3 channels (give 1 or 3)"),
        (Preprocessing(color: .gray, std: [1, 1, 1], height: 2, width: 2), "3 std values for 1 channels (give 1 or 1)"),
        (Preprocessing(color: .gray, height: 0, width: 2), "input size 0×2"),
    ])
    func invalidParametersAreErrors(preprocessing: Preprocessing, reason: String) {
        let image = Image(width: 1, height: 1, format: .gray, samples: [0])
        #expect(throws: RuntimeError.invalidPreprocessing(reason: reason)) { try preprocessing.apply(to: image, path: "p") }
    }

    @Test func zeroStdIsAnError() {
        let image = Image(width: 1, height: 1, format: .gray, samples: [0])
        #expect(throws: RuntimeError.self) {
            try Preprocessing(color: .gray, std: [0], height: 1, width: 1).apply(to: image, path: "p")
        }
    }

    /// torchvision's `Resize(shorter)` + `CenterCrop(crop)` of a PIL image, computed by Pillow in
    /// the snippet below (the output size and crop offsets as torchvision computes them), on two
    /// photographs: every sample within 1 of Pillow's 8-bit value.
    @Test(arguments: ["china.jpg", "flower.jpg"])
    func antialiasedCenterCropMatchesPillow(photo: String) throws {
        for (shorter, crop) in [(256, 224), (250, 223)] {
            let url = ImageFixtures.url("photos/\(photo)")
            let preprocessing = Preprocessing(resize: .antialiasedCenterCrop, color: .rgb, scale: 255, height: crop, width: crop,
                                              shorterSide: shorter)
            let ours = try preprocessing.loadTensor(imageAt: url).floats
            let pillow = try Self.pillowCenterCrop(url, shorter: shorter, crop: crop)
            #expect(ours.count == 3 * crop * crop && pillow.count == ours.count)
            var worst: Float = 0, equal = 0
            for c in 0..<3 {
                for pixel in 0..<crop * crop {
                    let difference = abs(ours[c * crop * crop + pixel] - Float(pillow[pixel * 3 + c]))
                    worst = max(worst, difference)
                    equal += difference == 0 ? 1 : 0
                }
            }
            #expect(worst <= 1, "\(photo) \(shorter)/\(crop): largest difference \(worst) levels")
            #expect(equal * 100 >= ours.count * 99, "\(photo) \(shorter)/\(crop): \(equal) of \(ours.count) samples equal")
        }
    }

    /// A centre offset of half an odd excess rounds to even, as Python's `round`.
    @Test func centredOffsetsRoundHalfToEven() {
        #expect([0, 1, 2, 3, 5, 151].map(Preprocessing.centeredOffset) == [0, 0, 1, 2, 2, 76])
    }

    /// torchvision's resize and crop of the image at `url`, computed by Pillow: `crop × crop × 3`
    /// bytes, row by row.
    static func pillowCenterCrop(_ url: URL, shorter: Int, crop: Int) throws -> [UInt8] {
        let snippet = """
            import sys
            from PIL import Image
            path, shorter, crop, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
            image = Image.open(path).convert("RGB")
            w, h = image.size
            long_side = int(shorter * max(w, h) / min(w, h))
            resized = image.resize((shorter, long_side) if w <= h else (long_side, shorter), Image.BILINEAR)
            top = int(round((resized.height - crop) / 2.0))
            left = int(round((resized.width - crop) / 2.0))
            open(out, "wb").write(resized.crop((left, top, left + crop, top + crop)).tobytes())
            """
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pillow-\(UUID().uuidString).rgb")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", snippet, url.path, String(shorter), String(crop), output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey:
                "python3 with Pillow failed (status \(process.terminationStatus)); install requirements-ci.txt"])
        }
        defer { try? FileManager.default.removeItem(at: output) }
        return Array(try Data(contentsOf: output))
    }
}
