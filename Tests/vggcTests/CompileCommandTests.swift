import Foundation
import Accelerator
import Backend
import IR
import Testing
import TestSupport

@Suite struct CompileCommandTests {
    /// The graph pipeline's stages, quantization, then the backend's.
    static let stages = PassPipeline.standard.stageNames + ["quantize"] + BackendPipeline.standard.stageNames

    @Test func dumpIRPrintsEveryStageInPipelineOrder() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir"])
        #expect(result.status == 0, "\(result.stderr)")
        let stages = result.stdout.split(separator: "\n").filter { $0.hasPrefix("// ---- IR after stage") }
        #expect(stages.map { $0.split(separator: "'")[1] }.map(String.init) == Self.stages)
    }

    @Test func dumpOneStageShowsTheFusedGraph() throws {
        let last = try #require(PassPipeline.standard.stageNames.last)
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir=\(last)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "// ---- IR after stage").count == 2)
        #expect(result.stdout.contains("relu"))
        #expect(!result.stdout.contains("= relu("), "the ReLU should be fused into the convolution")
    }

    @Test func stopAfterImportSkipsThePasses() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--stop-after", "import", "--dump-ir"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "// ---- IR after stage").count == 2)
    }

    @Test func jsonSummaryListsStagesAndFusedLayers() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let stages = (object?["stages"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(stages == Self.stages)
        let layers = (object?["layers"] as? [[String: Any]] ?? []).compactMap { $0["op"] as? String }
        #expect(layers == ["Conv", "MaxPool", "Flatten", "FullyConnected"])
        #expect(object?["outputs"] as? [String] == ["y"])
    }

    @Test func quantizeStageShowsScalesAndRequantization() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir=quantize"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("arith=default"))
        #expect(result.stdout.contains("requant="))
        #expect(result.stderr.contains("data-free"), "without --calib vggc must say it calibrates data-free")
    }

    @Test func writesTheSameBinTwice() throws {
        let directory = TestModels.directory.appendingPathComponent("compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let first = directory.appendingPathComponent("a.bin").path, second = directory.appendingPathComponent("b.bin").path
        for path in [first, second] {
            let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "-o", path, "--calibration", "minmax"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes.count > 64)
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
    }

    @Test func badCalibrationFlagsAreUsageErrors() throws {
        let method = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--calibration", "median"])
        #expect(method.status == 2)
        #expect(method.stderr.contains("--calibration 'median'"))
        let arith = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--arith", "float"])
        #expect(arith.status == 2)
        let missing = TestModels.directory.appendingPathComponent("no-such-dir").path
        let empty = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "--calib", missing])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("error: "))
        #expect(empty.stderr.contains("no-such-dir"))
        let channels = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--calib", EvalCommandTests.calibImages])
        #expect(channels.status == 2)
        #expect(channels.stderr.contains("has 2"), "a 2-channel model cannot take gray or RGB images")
    }

    @Test func unknownStageIsAUsageError() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir=nonsense"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown stage 'nonsense'"))
    }

    /// The help promises 2 for usage errors, whatever ArgumentParser's own status for them is.
    @Test func parseErrorsExitTwo() throws {
        let unknown = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--no-such-flag"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--no-such-flag"))
        let missing = try VGGCProcess.run(["compile"])
        #expect(missing.status == 2)
        let badValue = try VGGCProcess.run(["run", "model.bin", "image.png", "--top", "0"])
        #expect(badValue.status == 2)
        #expect(badValue.stderr.contains("--top"))
    }

    /// `-o` into a directory that does not exist fails on the output, before the model (here not
    /// even a protobuf) is read or any image is calibrated.
    @Test func outputIsCheckedBeforeAnyWork() throws {
        let missing = TestModels.directory.appendingPathComponent("no-such-dir-\(UUID().uuidString)")
        let output = missing.appendingPathComponent("model.bin").path
        let result = try VGGCProcess.run(["compile", TestModels.garbage.path, "-o", output, "--calib", missing.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: \(output)"), "\(result.stderr)")
        #expect(lines[0].contains("does not exist"))
        let directory = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "-o", TestModels.directory.path])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("is a directory"), "\(directory.stderr)")
    }

    /// The shipped LeNet reads one gray channel: `--color rgb` is refused in one line naming it,
    /// even without calibration images, and nothing is written.
    @Test func rgbOnAOneChannelModelIsRefused() throws {
        let output = TestModels.directory.appendingPathComponent("rgb-\(UUID().uuidString).bin")
        let result = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "--color", "rgb", "-o", output.path])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(result.stderr)")
        #expect(lines[0].contains("rgb") && lines[0].contains("'input' has 1"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let gray = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "--color", "gray", "--stop-after", "quantize"])
        #expect(gray.status == 0, "\(gray.stderr)")
    }

    @Test func unsupportedModelIsRefusedBeforeAnyWork() throws {
        let result = try VGGCProcess.run(["compile", TestModels.unsupported.path, "--dump-ir"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("exp1"))
    }

    /// `--resize-shorter N --center-crop M` is stored in META with the shorter side; a crop other
    /// than the input's size is a usage error.
    @Test func resizeShorterIsStoredInTheModel() throws {
        let output = TestModels.directory.appendingPathComponent("shorter-\(UUID().uuidString).bin")
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "-o", output.path, "--resize-shorter", "5", "--center-crop", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        let model = try CompiledModel.load(output)
        #expect(model.metadata.preprocessing.resize == .antialiasedCenterCrop && model.metadata.preprocessing.shorterSide == 5)
        let inspect = try VGGCProcess.run(["inspect", output.path])
        #expect(inspect.stdout.contains("resize antialiased-center-crop (shorter side 5) to 4x4"), "\(inspect.stdout)")
        let wrong = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--resize-shorter", "5", "--center-crop", "3"])
        #expect(wrong.status == 2 && wrong.stderr.contains("centre crop"), "\(wrong.stderr)")
        let alone = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--resize-shorter", "5"])
        #expect(alone.status == 2 && alone.stderr.contains("go together"), "\(alone.stderr)")
    }
}

/// A model ONNX Runtime's `quantize_static` already quantized compiles with its own scales.
@Suite struct PreQuantizedCompileTests {
    @Test func usesTheModelsScalesAndIgnoresCalib() throws {
        let model = GeneratedFiles.repositoryRoot.appendingPathComponent("models/qdq/lenet_de1soc_u8_per_channel.onnx")
        try GeneratedFiles.ensure([model], from: [GeneratedFiles.repositoryRoot.appendingPathComponent("Scripts/make_qdq_models.py")],
                                  script: "make_qdq_models.py")
        let output = TestModels.directory.appendingPathComponent("qdq-\(UUID().uuidString).bin").path
        let result = try VGGCProcess.run(["compile", model.path, "-o", output, "--target", "de1soc", "--arith", "default",
                                          "--calib", EvalCommandTests.calibImages])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("already quantized"))
        let evaluation = try VGGCProcess.run(["eval", output, EvalCommandTests.testImages, "--limit", "50",
                                              "--reference", EvalCommandTests.lenet, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(evaluation.stdout.utf8)) as? [String: Any])
        #expect(try #require(report["top1_agreement"] as? Double) >= 0.96)
        let refused = try VGGCProcess.run(["compile", model.path, "--arith", "vgg16-cu"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("default arithmetic"))
    }

    /// The graph stages show the graph that is quantized: QuantizeLinear/DequantizeLinear are gone
    /// from the first stage on, and every stage is shown once.
    @Test func dumpShowsTheGraphThatIsQuantized() throws {
        try GeneratedModels.ensureQDQModels()
        let model = GeneratedModels.qdqDirectory.appendingPathComponent("lenet_de1soc_u8_per_channel.onnx")
        let result = try VGGCProcess.run(["compile", model.path, "--dump-ir", "--stop-after", "quantize"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("= QuantizeLinear(") && !result.stdout.contains("= DequantizeLinear("))
        #expect(result.stdout.contains("= Conv("))
        let stages = result.stdout.split(separator: "\n").filter { $0.hasPrefix("// ---- IR after stage") }
        #expect(stages.map { String($0.split(separator: "'")[1]) } == PassPipeline.standard.stageNames + ["quantize"])
    }
}
