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
    /// A mutated program run for a bounded number of instructions: the input's first
    /// `programInstructionLimit` 64-byte instructions, with an `END` appended when they lack one,
    /// replace the stream of a valid program (`programBase`: its DRAM image, layer table and config),
    /// which is validated, scheduled and, when its work is at most `runWorkLimit`, run on an
    /// all-zero input. It reaches the instruction decoder, the timeline and every execution unit
    /// without passing through the container.
    case program

    /// Runs the harness on `data`; errors thrown by the loaders are expected and ignored.
    public func run(_ data: Data) {
        switch self {
        case .onnx: _ = try? Self.checkModel(data)
        case .bin: _ = try? Self.loadProgram(data)
        case .config: _ = try? Self.compileForConfig(data)
        case .image: _ = try? ImageDecoder.decode(data, path: "fuzz.image")
        case .program: _ = try? Self.runStream(data)
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
    /// The most element operations (`AcceleratorProgram.work`) of a program the `.bin` and
    /// `program` harnesses run; the validation's own limit (2^50) bounds a run but not to seconds.
    static let runWorkLimit = 1 << 22
    /// The most instructions of one `program` input.
    static let programInstructionLimit = 64

    /// The folder of the committed fuzzing inputs.
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The program whose stream the `program` harness replaces: LeNet compiled for de1soc.
    static let programBase: CompiledModel? = try? CompiledModel.load(fuzzFolder.appendingPathComponent("Corpus/bin/lenet_de1soc.bin"))

    /// The model the config harness compiles.
    static let configModel = fuzzFolder.appendingPathComponent("Corpus/onnx/conv_with_strides_padding.onnx")

    private static func compileForConfig(_ data: Data) throws {
        let config = try HardwareConfig.decode(data, path: "fuzz.json")
        _ = try Compiler(options: CompileOptions(target: config)).compile(modelAt: configModel)
    }

    private static func loadProgram(_ data: Data) throws {
        let bytes = BinChecksums.resealed([UInt8](data))
        let model = try CompiledModel.decode(try BinFile.decode(bytes, path: "fuzz.bin"), path: "fuzz.bin")
        try run(model)
    }

    /// Schedules `model` and runs it on an all-zero input when the input and the work are small.
    private static func run(_ model: CompiledModel) throws {
        let session = try Session(model: model)
        guard let count = AcceleratorProgram.elementCount(model.graph.input.dims), count <= runInputLimit,
              let work = model.program.work, work <= runWorkLimit else { return }
        _ = try session.run(stored: Array(repeating: 0, count: count))
    }

    private static func runStream(_ data: Data) throws {
        guard var model = programBase else {
            preconditionFailure("the program harness needs Fuzz/Corpus/bin/lenet_de1soc.bin, a valid .bin")
        }
        let size = Instruction.encodedBytes
        let count = min(data.count / size, programInstructionLimit)
        var instructions = try InstructionStream.decode([UInt8](data.prefix(count * size)))
        if case .end = instructions.last {} else {
            instructions.append(.end(layer: 0))
        }
        model.program.instructions = instructions
        model.program.layers = model.program.layers.map { layer in
            var clamped = layer
            clamped.firstInstruction = min(layer.firstInstruction, instructions.count)
            clamped.instructionCount = min(layer.instructionCount, instructions.count - clamped.firstInstruction)
            return clamped
        }
        try model.program.validate(config: model.config, path: "fuzz.program")
        try run(model)
    }
}
