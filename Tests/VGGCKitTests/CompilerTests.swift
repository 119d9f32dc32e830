import Foundation
import Accelerator
import Backend
import IR
import Quantization
import Testing
import TestSupport
import VGGCKit

@Suite struct CompilerTests {
    /// The one stage list is the graph pipeline's, `quantize`, then the backend's, with their reasons.
    @Test func stagesAreThePipelinesInOrder() {
        let graph = PassPipeline.standard.stages, backend = BackendPipeline.standard.stages
        #expect(Compiler.stages == graph + [Compiler.quantizeStage] + backend)
        #expect(Compiler.stageNames == ["import", "constant-folding", "remove-identity", "dce", "normalize-reshape",
                                        "form-channel-shuffle", "form-fc", "form-swish", "affine-to-batchnorm", "fold-batchnorm",
                                        "batchnorm-to-conv", "fuse-activation", "quantize", "residency", "tile", "place-dram",
                                        "allocate", "lower", "check"])
        #expect(Compiler.stages.allSatisfy { $0.reason.count > 20 }, "every stage says why it is there")
        #expect(Compiler.stages[1].reason.hasPrefix("Evaluates every node whose inputs are all constant"))
    }

    /// Every stage ends once, in order, with its result; the compile ends with a model whose bytes
    /// are those `vggc compile` recorded for the same model and target.
    @Test func observesEveryStageAndGivesTheRecordedBytes() throws {
        var finished: [String] = [], notes: [CompilerNote] = [], kinds: [String] = []
        let options = CompileOptions(target: try HardwareConfig.load(target: "de1soc"))
        let compilation = try Compiler(options: options).compile(modelAt: KitFixtures.lenet) { event in
            switch event {
            case .finished(let stage, let result):
                finished.append(stage)
                switch result {
                case .graph: kinds.append("graph")
                case .quantized: kinds.append("quantized")
                case .scheduled: kinds.append("scheduled")
                }
            case .note(let note): notes.append(note)
            case .started, .calibrating: break
            }
        }
        #expect(finished == Compiler.stageNames)
        #expect(kinds == Array(repeating: "graph", count: 12) + ["quantized"] + Array(repeating: "scheduled", count: 6))
        #expect(compilation.stages.map(\.name) == Compiler.stageNames)
        #expect(notes == [.calibratingDataFree])
        let model = try #require(compilation.model)
        #expect(model.metadata.source == "models/lenet_de1soc.onnx")
        #expect(model.metadata.producer == "vggc \(Compiler.version)")
        let file = try KitFixtures.directory("compiler").appendingPathComponent("lenet.bin")
        try model.write(to: file)
        let digest = try Self.sha256(file)
        let recorded = try String(contentsOf: KitFixtures.root.appendingPathComponent("Tests/vggcTests/Fixtures/bin-digests.txt"),
                                  encoding: .utf8)
        #expect(recorded.split(separator: "\n").contains("lenet de1soc \(digest)"))
    }

    @Test func calibrationReportsProgressOnEveryImage() throws {
        var progress: [[Int]] = []
        var options = try KitFixtures.lenetOptions.get()
        options.calibration = .images(directory: KitFixtures.calibImages, count: 3)
        options.stopAfter = "quantize"
        let compilation = try Compiler(options: options).compile(modelAt: KitFixtures.lenet) { event in
            if case .calibrating(let done, let total) = event { progress.append([done, total]) }
        }
        #expect(progress == [[0, 3], [1, 3], [2, 3], [3, 3]])
        #expect(compilation.model == nil && compilation.scheduled == nil)
        #expect(compilation.stages.last?.name == "quantize")
    }

    @Test func stopAfterAGraphStageKeepsThatGraph() throws {
        var options = CompileOptions(target: try HardwareConfig.load(target: "zc706"))
        options.stopAfter = "dce"
        let compilation = try Compiler(options: options).compile(modelAt: KitFixtures.lenet)
        #expect(compilation.stages.map(\.name) == ["import", "constant-folding", "remove-identity", "dce"])
        let expected = try PassPipeline.standard.run(try ONNXFile.graph(KitFixtures.lenet), verify: true, stopAfter: "dce") { _, _ in }
        #expect(compilation.graph == GraphOutline(expected))
        #expect(compilation.model == nil)
    }

    /// LeNet's activations for one image: its 1×1×32×32 input is 4096 bytes of float, so a limit
    /// below that refuses it before calibration, naming the total and the largest value.
    @Test func activationsBeyondTheLimitAreRefusedBeforeCalibration() throws {
        var options = CompileOptions(target: try HardwareConfig.load(target: "de1soc"))
        options.activationByteLimit = 4096
        var calibrated = false
        do {
            _ = try Compiler(options: options).compile(modelAt: KitFixtures.lenet) { event in
                if case .calibrating = event { calibrated = true }
            }
            Issue.record("LeNet compiled within a 4096-byte activation limit")
        } catch VGGCKitError.activationsTooLarge(_, let bytes, _, let largestBytes, let limit) {
            #expect(bytes > 4096 && largestBytes >= 4096 && limit == 4096)
        }
        #expect(!calibrated)
    }

    @Test func unknownStageIsRefusedBeforeAnyWork() throws {
        var options = CompileOptions(target: try HardwareConfig.load(target: "zc706"))
        options.stopAfter = "fold-bn"
        var events = 0
        #expect(throws: VGGCKitError.unknownStage("fold-bn", available: Compiler.stageNames)) {
            try Compiler(options: options).compile(modelAt: KitFixtures.lenet) { _ in events += 1 }
        }
        #expect(events == 0)
    }

    /// A pre-quantized model: the passes run once, on the graph without QuantizeLinear and
    /// DequantizeLinear, and the result equals `QDQQuantizer`'s own path; calibration images are
    /// ignored with a note.
    @Test func preQuantizedModelRunsThePassesOnceOnTheStrippedGraph() throws {
        try GeneratedModels.ensureQDQModels()
        let model = GeneratedModels.qdqDirectory.appendingPathComponent("lenet_de1soc_s8_per_tensor.onnx")
        var options = CompileOptions(target: try HardwareConfig.load(target: "zc706"),
                                     calibration: .images(directory: KitFixtures.calibImages, count: 2))
        options.stopAfter = "quantize"
        var graphs: [String: [Graph]] = [:]
        var quantized: [QuantizedGraph] = []
        var notes: [CompilerNote] = []
        _ = try Compiler(options: options).compile(modelAt: model) { event in
            switch event {
            case .finished(let stage, .graph(let graph)): graphs[stage, default: []].append(graph)
            case .finished(_, .quantized(let graph)): quantized.append(graph)
            case .note(let note): notes.append(note)
            case .finished, .started, .calibrating: break
            }
        }
        #expect(graphs.keys.sorted() == PassPipeline.standard.stageNames.sorted())
        #expect(graphs.values.allSatisfy { $0.count == 1 })
        let imported = try #require(graphs["import"]?.first)
        #expect(!QDQQuantizer.isQuantized(imported))
        let reference = try QDQQuantizer.quantize(imported: try ONNXFile.graph(model), options: options.quantization)
        #expect(quantized == [reference])
        #expect(notes == [.calibrationImagesIgnored])
    }

    @Test func unsupportedModelIsRefusedWithItsReport() throws {
        let folder = try KitFixtures.directory("unsupported")
        let model = folder.appendingPathComponent("exp.json")
        try Data(ONNXFile.expModelJSON.utf8).write(to: model)
        do {
            _ = try Compiler(options: CompileOptions(target: try HardwareConfig.load(target: "zc706"))).compile(modelAt: model)
            Issue.record("an Exp model compiled")
        } catch VGGCKitError.unsupportedModel(let path, let report) {
            #expect(path == model.path)
            #expect(report.issues.map(\.node) == ["exp1"])
        }
    }

    /// The input's channel count decides what colour it takes: RGB on LeNet's one gray channel is
    /// refused naming the input.
    @Test func colourIsCheckedAgainstTheModelInput() throws {
        var options = CompileOptions(target: try HardwareConfig.load(target: "zc706"))
        options.preprocessing.color = .rgb
        #expect(throws: VGGCKitError.colorChannels(color: .rgb, channels: 3, input: "input", inputChannels: 1)) {
            try Compiler(options: options).compile(modelAt: KitFixtures.lenet)
        }
    }

    static func sha256(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix { $0 != " " })
    }
}
