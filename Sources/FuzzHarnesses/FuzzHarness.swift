import Accelerator
import Foundation
import Quantization
import Runtime
import VGGCKit

/// The loaders that read files from someone else (docs/SECURITY.md), each as a function of one
/// input's bytes: a thrown error is the right answer to a bad input, a trap or a hang is a bug.
/// libFuzzer drives them through `Fuzz/` (Scripts/fuzz.sh); the test suite replays every committed
/// corpus and regression input through the same functions.
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// An ONNX model (binary or JSON): load, import and every capability rule for the zc706 preset.
    case onnx
    /// A `.bin`, with its section checksums recomputed so that mutations reach the section
    /// decoders: container, sections, program, the accelerator model built from it, and one run of
    /// the program on an all-zero input of at most `runInputLimit` elements.
    case bin
    /// A hardware config JSON file as `--target FILE` reads it, then, when it is valid, a compile of
    /// a small convolution (`Fuzz/Corpus/onnx/conv_with_strides_padding.onnx`) for it.
    case config
    /// An image file (PNG, JPEG, PGM/PPM) as `vggc run` decodes it.
    case image

    /// Runs the harness on `data`; errors thrown by the loaders are expected and ignored.
    public func run(_ data: Data) {
        switch self {
        case .onnx: _ = try? Self.checkModel(data)
        case .bin: _ = try? Self.loadProgram(data)
        case .config: _ = try? Self.compileForConfig(data)
        case .image: _ = try? ImageDecoder.decode(data, path: "fuzz.image")
        }
    }

    /// The folder each harness's model files are written to (the ONNX loader reads files, and
    /// resolves external data beside them).
    private static let scratch: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    private static func checkModel(_ data: Data) throws -> CapabilityCheck {
        let file = scratch.appendingPathComponent("model.onnx")
        try data.write(to: file)
        let target = try HardwareConfig.load(target: "zc706")
        return try CapabilityCheck(modelAt: file, target: target, options: QuantizationOptions(arithmetic: target.features.arithmetic))
    }

    /// The largest input the `.bin` harness runs its program on (elements).
    static let runInputLimit = 1 << 22

    /// The model the config harness compiles.
    static let configModel = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/onnx/conv_with_strides_padding.onnx")

    private static func compileForConfig(_ data: Data) throws {
        let config = try HardwareConfig.decode(data, path: "fuzz.json")
        _ = try Compiler(options: CompileOptions(target: config)).compile(modelAt: configModel)
    }

    private static func loadProgram(_ data: Data) throws {
        let bytes = BinChecksums.resealed([UInt8](data))
        let model = try CompiledModel.decode(try BinFile.decode(bytes, path: "fuzz.bin"), path: "fuzz.bin")
        let session = try Session(model: model)
        guard let count = AcceleratorProgram.elementCount(model.graph.input.dims), count <= runInputLimit else { return }
        _ = try session.run(stored: Array(repeating: 0, count: count))
    }
}
