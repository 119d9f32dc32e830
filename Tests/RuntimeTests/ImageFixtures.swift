import Foundation
import IR
@testable import Runtime

/// The files written by `Scripts/make_image_fixtures.py`.
enum ImageFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// The expected decoding of `name`: the `.npy` beside it, `[H, W, C]` in `[0, 1]`.
    static func expected(_ name: String) throws -> Tensor {
        try NPYFile.load(url((name as NSString).deletingPathExtension + ".npy"))
    }

    static let losslessImages = [
        "gray1.png", "gray2.png", "gray4.png", "gray8.png", "gray16.png", "graya8.png", "graya16.png",
        "rgb8.png", "rgb16.png", "rgba8.png", "rgba16.png", "palette1.png", "palette2.png", "palette4.png",
        "palette8.png", "palette4_trns.png", "gray8_trns.png", "rgb16_trns.png", "rgb8_interlaced.png",
        "landscape.png", "gray_p2.pgm", "rgb_p3.ppm", "gray_p5.pgm", "gray_p5_16.pgm", "rgb_p6.ppm",
        "rgb_p6_16.ppm", "portrait.ppm",
    ]

    static let jpegImages = ["gray.jpg", "rgb.jpg", "rgb_progressive.jpg"]

    /// One preprocessing case of `preprocessing.json`.
    struct PreprocessingCase: Decodable {
        var source: String
        var preprocessing: Preprocessing
    }

    static func preprocessingCases() throws -> [(name: String, value: PreprocessingCase)] {
        let cases = try JSONDecoder().decode([String: PreprocessingCase].self, from: bytes("preprocessing.json"))
        return cases.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
