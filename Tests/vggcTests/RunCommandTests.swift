import Foundation
import IR
import Runtime
import Testing
import Accelerator
import Quantization

/// `vggc run` on the shipped LeNet compiled for `de1soc`, against the integer reference.
@Suite struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let testImages = repository.appendingPathComponent("models/mnist/test")
    static let images = ["0002_0.png", "0005_0.png", "0015_0.png"].map { testImages.appendingPathComponent($0).path }

    static let compiledLeNet: Result<String, Error> = Result {
        let path = TestModels.directory.appendingPathComponent("lenet-de1soc-\(UUID().uuidString).bin").path
        let result = try VGGCProcess.run(["compile", repository.appendingPathComponent("models/lenet_de1soc.onnx").path, "-o", path,
                                          "--target", "de1soc", "--calib", repository.appendingPathComponent("models/mnist/calib").path,
                                          "--calib-count", "40"])
        guard result.status == 0 else { throw EvalCommandTests.CompileFailure(stderr: result.stderr) }
        return path
    }

    /// Runs `vggc run` and parses its JSON.
    static func runJSON(_ arguments: [String]) throws -> [String: Any] {
        let result = try VGGCProcess.run(["run", try compiledLeNet.get()] + arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    @Test func topClassAndOutputBytesEqualTheIntegerReference() throws {
        let model = try CompiledModel.load(URL(fileURLWithPath: try Self.compiledLeNet.get()))
        let interpreter = IntegerInterpreter(graph: model.graph)
        for image in Self.images {
            let report = try Self.runJSON([image, "--top", "3"])
            let input = try model.metadata.preprocessing.loadTensor(imageAt: URL(fileURLWithPath: image))
            let expected = try interpreter.run(input)[model.graph.outputs[0].name]!.floats
            let stored = try interpreter.runStored(input)[model.graph.outputs[0].name]!.int64s.map(Int.init)
            let predictions = try #require(report["predictions"] as? [[String: Any]])
            let top = try #require(predictions.first?["top"] as? [[String: Any]])
            #expect(top.count == 3)
            #expect(top.first?["class"] as? Int == expected.indices.max { expected[$0] < expected[$1] })
            let outputs = try #require(report["outputs"] as? [[String: Any]])
            #expect(outputs.first?["stored"] as? [Int] == stored, "\(image)")
        }
    }

    @Test func hardwareFiguresAreConsistent() throws {
        let report = try Self.runJSON([Self.images[0]])
        let hardware = try #require(report["hardware"] as? [String: Any])
        let cycles = Self.number(hardware["cycles"]), clock = Self.number(hardware["clock_mhz"])
        #expect(cycles > 0 && clock == 100)
        #expect(abs(Self.number(hardware["latency_us"]) - cycles / clock) < 1e-9)
        #expect(abs(Self.number(hardware["images_per_second"]) - clock * 1e6 / cycles) < 1e-6)
        let utilisation = Self.number(hardware["pe_utilisation"])
        #expect(utilisation > 0 && utilisation <= 1)
        let macs = Self.number(hardware["macs"]), perCycle = Self.number(hardware["macs_per_cycle"])
        #expect(abs(utilisation - macs / (cycles * perCycle)) < 1e-12)
        #expect(Self.number(hardware["dram_bytes_read"]) > 0 && Self.number(hardware["dram_bytes_written"]) > 0)
        let energy = try #require(hardware["energy_uj"] as? [String: Any])
        let parts = ["mac", "sram", "dram", "static"].map { Self.number(energy[$0]) }
        #expect(parts.allSatisfy { $0 > 0 })
        #expect(abs(parts.reduce(0, +) - Self.number(energy["total"])) < 1e-9)
        let predictions = try #require(report["predictions"] as? [[String: Any]])
        // The DE1-SoC LeNet ends in Sigmoid, not Softmax: the scores are its dequantized outputs.
        #expect(predictions.first?["score_kind"] as? String == "dequantized")
        let scores = (predictions.first?["top"] as? [[String: Any]] ?? []).map { Self.number($0["score"]) }
        #expect(scores.count == 5 && scores == scores.sorted(by: >))
    }

    @Test func textListsClassesAndFigures() throws {
        let result = try VGGCProcess.run(["run", try Self.compiledLeNet.get(), Self.images[1], "--top", "2", "--stats"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["top 2 by dequantized score (the model has no softmax)", "1. class", "cycles", "µs at 100 MHz", "PE utilisation", "DRAM",
                     "energy", "images/s", "roofline"] {
            #expect(result.stdout.contains(text), "missing '\(text)' in\n\(result.stdout)")
        }
        #expect(result.stderr.isEmpty, "no progress lines when standard error is not a terminal")
    }

    @Test func statsHaveOneRowPerLayer() throws {
        let model = try CompiledModel.load(URL(fileURLWithPath: try Self.compiledLeNet.get()))
        let report = try Self.runJSON([Self.images[0], "--stats"])
        let layers = try #require(report["layers"] as? [[String: Any]])
        #expect(layers.map { $0["name"] as? String } == model.program.layers.map(\.name))
        #expect(layers.map { Self.number($0["roofline_cycles"]) } == model.program.layers.map { Double($0.rooflineCycles) })
        let hardware = try #require(report["hardware"] as? [String: Any])
        #expect(layers.map { Self.number($0["cycles"]) }.reduce(0, +) <= Self.number(hardware["cycles"]))
        #expect(layers.map { Self.number($0["macs"]) }.reduce(0, +) == Self.number(hardware["macs"]))
    }

    @Test func aDirectoryGivesASummary() throws {
        let folder = TestModels.directory.appendingPathComponent("run-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for image in Self.images + [Self.testImages.appendingPathComponent("0501_1.png").path] {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: image), to: folder.appendingPathComponent(URL(fileURLWithPath: image).lastPathComponent))
        }
        let single = try Self.runJSON([Self.images[0]])
        let summary = try Self.runJSON([folder.path])
        #expect(summary["images"] as? Int == 4)
        let results = try #require(summary["results"] as? [[String: Any]])
        #expect(results.map { $0["file"] as? String } == ["0002_0.png", "0005_0.png", "0015_0.png", "0501_1.png"])
        #expect(results.map { $0["expected"] as? Int } == [0, 0, 0, 1])
        let correct = results.filter { $0["expected"] as? Int == $0["class"] as? Int }.count
        #expect(Self.number(summary["top1_accuracy"]) == Double(correct) / 4)
        #expect(Self.number(summary["cycles_per_image"]) == Self.number((single["hardware"] as? [String: Any])?["cycles"]))

        let text = try VGGCProcess.run(["run", try Self.compiledLeNet.get(), folder.path])
        #expect(text.stdout.contains("on 4 images"))
        #expect(text.stdout.contains("every image takes the same cycles"))
        #expect(text.stdout.contains("top-1 accuracy"))
    }

    /// `--jobs 2` gives the results of `--jobs 1`; `--shard 1/2` runs every other image.
    @Test func aDirectoryRunsOnSeveralThreadsAndInShards() throws {
        let folder = TestModels.directory.appendingPathComponent("run-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = ["0002_0.png", "0005_0.png", "0015_0.png", "0501_1.png", "0502_1.png"]
        for name in names {
            try FileManager.default.copyItem(at: Self.testImages.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let one = try #require(try Self.runJSON([folder.path, "--jobs", "1"])["results"] as? [[String: Any]])
        let two = try #require(try Self.runJSON([folder.path, "--jobs", "2"])["results"] as? [[String: Any]])
        #expect(one.map { NSDictionary(dictionary: $0) } == two.map { NSDictionary(dictionary: $0) })
        let shard = try Self.runJSON([folder.path, "--shard", "1/2"])
        #expect(shard["shard"] as? String == "1/2")
        let shardResults = try #require(shard["results"] as? [[String: Any]])
        #expect(shardResults.map { $0["file"] as? String } == ["0005_0.png", "0501_1.png"])
        #expect(shardResults.map { NSDictionary(dictionary: $0) } == [one[1], one[3]].map { NSDictionary(dictionary: $0) })
    }

    @Test func unlabelledImagesHaveNoAccuracy() throws {
        let folder = TestModels.directory.appendingPathComponent("run-unlabelled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.images[0]), to: folder.appendingPathComponent("digit.png"))
        let summary = try Self.runJSON([folder.path])
        #expect(summary["images"] as? Int == 1)
        #expect(summary["top1_accuracy"] == nil)
        #expect((summary["labels_unavailable"] as? String)?.contains("digit.png") == true)
    }

    @Test func traceHoldsEveryInstruction() throws {
        let model = try CompiledModel.load(URL(fileURLWithPath: try Self.compiledLeNet.get()))
        let trace = TestModels.directory.appendingPathComponent("trace-\(UUID().uuidString).json")
        _ = try Self.runJSON([Self.images[0], "--trace", trace.path])
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: trace)) as? [String: Any])
        let events = try #require(file["traceEvents"] as? [[String: Any]])
        #expect(events.filter { $0["cat"] as? String == "instruction" }.count == model.program.instructions.count)
        #expect(events.filter { $0["cat"] as? String == "layer" }.count == model.program.layers.count)
        let computeTrack = events.filter { $0["tid"] as? Int == 2 && $0["ph"] as? String == "X" }
        #expect(computeTrack.contains { $0["name"] as? String == "GEMM" })
    }

    @Test func dumpedLayersEqualTheIntegerReference() throws {
        let model = try CompiledModel.load(URL(fileURLWithPath: try Self.compiledLeNet.get()))
        let folder = TestModels.directory.appendingPathComponent("dump-\(UUID().uuidString)")
        _ = try Self.runJSON([Self.images[2], "--dump-layers", folder.path])
        let input = try model.metadata.preprocessing.loadTensor(imageAt: URL(fileURLWithPath: Self.images[2]))
        var reference: [String: [Int64]] = [:]
        _ = try IntegerInterpreter(graph: model.graph).runStored(input) { layer, stored in reference[layer.name] = stored.int64s }
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any])
        let layers = try #require(manifest["layers"] as? [[String: Any]])
        #expect(layers.count >= 5)
        for layer in layers {
            let name = try #require(layer["layer"] as? String)
            let array = try NPYFile.load(folder.appendingPathComponent(try #require(layer["npy"] as? String)))
            #expect(array.int64s == reference[name], "layer \(name)")
            let hex = try String(contentsOf: folder.appendingPathComponent(try #require(layer["hex"] as? String)), encoding: .utf8)
            #expect(hex.split(separator: "\n").count == array.shape.elementCount)
        }
    }

    @Test func aCorruptBinIsOneErrorLine() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: try Self.compiledLeNet.get()))
        bytes[bytes.count / 2] ^= 0xFF
        let corrupt = TestModels.directory.appendingPathComponent("corrupt-run-\(UUID().uuidString).bin")
        try bytes.write(to: corrupt)
        let result = try VGGCProcess.run(["run", corrupt.path, Self.images[0]])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func aBadImageIsOneErrorLineNamingIt() throws {
        let image = TestModels.directory.appendingPathComponent("broken-\(UUID().uuidString).png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]).write(to: image)
        let result = try VGGCProcess.run(["run", try Self.compiledLeNet.get(), image.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(image.lastPathComponent))
        let missing = try VGGCProcess.run(["run", try Self.compiledLeNet.get(), image.path + ".missing"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: "))
    }
}
