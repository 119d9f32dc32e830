import Foundation
import IR
import Testing
import Accelerator

/// `vggc eval` on the shipped LeNet and MNIST images, compiled with a few calibration images.
@Suite struct EvalCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lenet = repository.appendingPathComponent("models/lenet_de1soc.onnx").path
    static let testImages = repository.appendingPathComponent("models/mnist/test").path
    static let calibImages = repository.appendingPathComponent("models/mnist/calib").path

    /// LeNet compiled for `de1soc`, the preset with a lookup-table stage for its sigmoid, in the
    /// default (int8) arithmetic.
    static let compiledLeNet: Result<String, Error> = Result {
        let path = TestModels.directory.appendingPathComponent("lenet-\(UUID().uuidString).bin").path
        let result = try VGGCProcess.run(["compile", lenet, "-o", path, "--target", "de1soc", "--arith", "default",
                                          "--calib", calibImages, "--calib-count", "40",
                                          "--calibration", "minmax", "--labels", repository.appendingPathComponent("models/mnist/labels.txt").path])
        guard result.status == 0 else { throw CompileFailure(stderr: result.stderr) }
        return path
    }

    struct CompileFailure: Error { var stderr: String }

    @Test func reportsAccuracyAgreementAndLayers() throws {
        let model = try Self.compiledLeNet.get()
        let result = try VGGCProcess.run(["eval", model, Self.testImages, "--limit", "60", "--reference", Self.lenet, "--per-layer", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["images"] as? Int == 60)
        let int8 = try #require(report["int8_accuracy"] as? Double)
        let fp32 = try #require(report["fp32_accuracy"] as? Double)
        #expect(fp32 > 0.8, "the shipped LeNet classifies MNIST")
        #expect(abs(int8 - fp32) <= 0.05)
        #expect(try #require(report["top1_agreement"] as? Double) >= 0.9)
        let layers = try #require(report["layers"] as? [[String: Any]])
        #expect(layers.count >= 5)
        #expect(layers.allSatisfy { ($0["cosine"] as? Double ?? 0) > 0.99 })
    }

    /// One thread or two: the same bytes; without a terminal, progress is plain lines.
    @Test func jobsDoNotChangeTheJSON() throws {
        let model = try Self.compiledLeNet.get()
        let arguments = ["eval", model, Self.testImages, "--limit", "30", "--reference", Self.lenet, "--per-layer", "--reference-int", "--json"]
        let one = try VGGCProcess.run(arguments + ["--jobs", "1"])
        let two = try VGGCProcess.run(arguments + ["--jobs", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
        #expect(one.stdout == two.stdout)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.count == 30 && results.first?["file"] as? String == "0002_0.png")
        #expect(results.first?["expected"] as? Int == 0 && results.first?["class"] is Int && results.first?["fp32_class"] is Int)
        #expect(report["shard"] == nil)
        #expect(one.stderr.contains("evaluating: 0/30 (0%)") && one.stderr.contains("evaluating: 30/30 (100%)"), "\(one.stderr)")
        #expect(!one.stderr.contains("\u{1B}"), "no terminal escapes when standard error is a pipe")
    }

    @Test func textReportWithoutReference() throws {
        let model = try Self.compiledLeNet.get()
        let result = try VGGCProcess.run(["eval", model, Self.testImages, "--limit", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("int8 top-1 accuracy"))
        #expect(!result.stdout.contains("fp32"))
    }

    @Test func theRuntimeMatchesTheIntegerReference() throws {
        let model = try Self.compiledLeNet.get()
        let result = try VGGCProcess.run(["eval", model, Self.testImages, "--limit", "25", "--reference-int", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["int_reference_mismatches"] as? Int == 0)
        #expect(report["target"] as? String == "de1soc")
        let text = try VGGCProcess.run(["eval", model, Self.testImages, "--limit", "5", "--reference-int"])
        #expect(text.stdout.contains("every image's output bytes equal"))
    }

    @Test func aReferenceThatDiffersFromTheProgramFails() throws {
        var compiled = try CompiledModel.load(URL(fileURLWithPath: try Self.compiledLeNet.get()))
        // Shift the first convolution's biases in the integer reference only; the program keeps them.
        let first = try #require(compiled.graph.layers.firstIndex { if case .conv = $0.op { return true } else { return false } })
        guard case .conv(var conv) = compiled.graph.layers[first].op else { return }
        conv.bias = conv.bias.map { $0 &+ 1_000_000 }
        compiled.graph.layers[first].op = .conv(conv)
        let broken = TestModels.directory.appendingPathComponent("broken-\(UUID().uuidString).bin")
        try compiled.write(to: broken)
        let result = try VGGCProcess.run(["eval", broken.path, Self.testImages, "--limit", "5", "--reference-int"])
        #expect(result.status == 1)
        let lastLine = result.stderr.split(separator: "\n").last ?? ""
        #expect(lastLine.hasPrefix("error: ") && lastLine.contains("differ from the integer reference"), "\(result.stderr)")
        #expect(result.stderr.contains("the first is 0002_0.png"), "\(result.stderr)")
        #expect(result.stdout.contains("integer reference"))
    }

    @Test func perLayerNeedsReference() throws {
        let model = try Self.compiledLeNet.get()
        let result = try VGGCProcess.run(["eval", model, Self.testImages, "--per-layer"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("per-layer comparison is against the float model"), "\(result.stderr)")
    }

    @Test func corruptBinIsOneClearError() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: try Self.compiledLeNet.get()))
        bytes[bytes.count - 10] ^= 0xFF
        let corrupt = TestModels.directory.appendingPathComponent("corrupt-\(UUID().uuidString).bin")
        try bytes.write(to: corrupt)
        let result = try VGGCProcess.run(["eval", corrupt.path, Self.testImages])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("corrupted"))
    }

    @Test func unlabelledImagesAreNamed() throws {
        let folder = TestModels.directory.appendingPathComponent("unlabelled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: Self.testImages).appendingPathComponent("0002_0.png")
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("digit.png"))
        let result = try VGGCProcess.run(["eval", try Self.compiledLeNet.get(), folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("digit.png"))
    }
}
