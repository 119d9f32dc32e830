import Foundation
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
        #expect(method.status == 64 || method.status == 2)
        #expect(method.stderr.contains("--calibration 'median'"))
        let arith = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--arith", "float"])
        #expect(arith.status == 64 || arith.status == 2)
        let missing = TestModels.directory.appendingPathComponent("no-such-dir").path
        let empty = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "--calib", missing])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("error: "))
        #expect(empty.stderr.contains("no-such-dir"))
        let channels = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--calib", EvalCommandTests.calibImages])
        #expect(channels.status == 64 || channels.status == 2)
        #expect(channels.stderr.contains("has 2"), "a 2-channel model cannot take gray or RGB images")
    }

    @Test func unknownStageIsAUsageError() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir=nonsense"])
        #expect(result.status == 64 || result.status == 2)
        #expect(result.stderr.contains("unknown stage 'nonsense'"))
    }

    @Test func unsupportedModelIsRefusedBeforeAnyWork() throws {
        let result = try VGGCProcess.run(["compile", TestModels.unsupported.path, "--dump-ir"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("exp1"))
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
}
