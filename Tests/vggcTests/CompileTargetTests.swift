import Foundation
import Testing
import Accelerator

/// `vggc compile --target` and `--emit-mem`.
@Suite struct CompileTargetTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func compilesForEveryPreset(preset: String) throws {
        let path = TestModels.directory.appendingPathComponent("target-\(preset)-\(UUID().uuidString).bin").path
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", preset, "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("for \(preset)"))
        let inspect = try VGGCProcess.run(["inspect", path, "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(summary["target"] as? String == preset)
        if preset == "de1soc" { #expect(summary["arithmetic"] as? String == "de1soc-q10") }
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let a = TestModels.directory.appendingPathComponent("same-a-\(UUID().uuidString).bin")
        let b = TestModels.directory.appendingPathComponent("same-b-\(UUID().uuidString).bin")
        for url in [a, b] {
            let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", "vta", "-o", url.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test func targetsListsPresetsAndPrintsOneAsJSON() throws {
        let list = try VGGCProcess.run(["targets"])
        #expect(list.status == 0)
        for preset in HardwareConfig.presets { #expect(list.stdout.contains(preset.name)) }
        let vta = try Self.presetJSON("vta")
        #expect((vta["array"] as? [String: Any])?["Pi"] as? Int == 16)
        let roundTrip = try VGGCProcess.run(["targets", try Self.write(vta, name: "vta")])
        #expect(roundTrip.status == 0, "\(roundTrip.stderr)")
    }

    /// `targets --json`: every preset's config in list order, each as `targets NAME` prints it.
    @Test func targetsJSONListsEveryPresetsConfig() throws {
        let result = try VGGCProcess.run(["targets", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.compactMap { $0["name"] as? String } == HardwareConfig.presets.map(\.name))
        for entry in list {
            let name = try #require(entry["name"] as? String)
            #expect(NSDictionary(dictionary: entry).isEqual(to: try Self.presetJSON(name)), "\(name)")
        }
    }

    /// A config file with an unknown key is refused in one line naming the key's path.
    @Test func unknownConfigKeyIsOneLine() throws {
        var config = try Self.presetJSON("vta")
        var dram = try #require(config["dram"] as? [String: Any])
        dram["bandwidth"] = 8
        config["dram"] = dram
        let path = try Self.write(config, name: "bandwidth")
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(path): dram.bandwidth: unknown key\n")
    }

    /// A 70,000-character value from the file is not echoed whole: the error line is cut.
    @Test func aHugeValueIsNotEchoedWhole() throws {
        var config = try Self.presetJSON("vta")
        var features = try #require(config["features"] as? [String: Any])
        features["arithmetic"] = String(repeating: "A", count: 70_000)
        config["features"] = features
        let path = try Self.write(config, name: "long-value")
        let result = try VGGCProcess.run(["targets", path])
        #expect(result.status == 1)
        #expect(result.stderr.count < 1200 && result.stderr.contains("(70"), "\(result.stderr.prefix(300))")
    }

    /// LeNet's sigmoid needs a lookup-table stage: a target without LUT activations refuses it before
    /// calibrating, listing the layer with the reason (the capability check's table, exit 3).
    @Test func sigmoidIsRefusedWithoutLUTActivations() throws {
        var config = try Self.presetJSON("zc706")
        var features = try #require(config["features"] as? [String: Any])
        features["lutActivations"] = false
        config["features"] = features
        config["name"] = "zc706-nolut"
        let path = try Self.write(config, name: "nolut")
        let result = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "--target", path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("problem(s) on zc706-nolut; nothing was calibrated or compiled"))
        #expect(result.stderr.contains("/features/features.1/Sigmoid  LookupTable  target 'zc706-nolut' has no LUT activations"),
                "\(result.stderr)")
        let check = try VGGCProcess.run(["check", EvalCommandTests.lenet, "--target", path])
        #expect(check.status == 3)
        #expect(check.stdout.contains("/features/features.1/Sigmoid"))
        #expect(try VGGCProcess.run(["check", EvalCommandTests.lenet, "--target", "zc706"]).status == 0)
    }

    /// `features.arithmetic` is what the compiler quantizes in: the same preset with another
    /// arithmetic writes a model in that arithmetic, with other bytes.
    @Test func theTargetsArithmeticIsTheCompiledOne() throws {
        var config = try Self.presetJSON("vta")
        var features = try #require(config["features"] as? [String: Any])
        #expect(features["arithmetic"] as? String == "default")
        var binaries: [Data] = []
        for arithmetic in ["default", "vgg16-cu"] {
            features["arithmetic"] = arithmetic
            config["features"] = features
            let target = try Self.write(config, name: "arith-\(arithmetic)")
            let path = TestModels.directory.appendingPathComponent("arith-\(arithmetic)-\(UUID().uuidString).bin").path
            let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", target, "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
            let inspect = try VGGCProcess.run(["inspect", path, "--json"])
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
            #expect(summary["arithmetic"] as? String == arithmetic)
            binaries.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(binaries[0] != binaries[1])
    }

    @Test func unknownTargetIsOneError() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", "nosuch"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown target 'nosuch'") && result.stderr.contains("zc706"))
    }

    /// A JSON config whose accumulator buffer cannot hold one tile is refused naming the layer and
    /// the byte counts; one with a zero-sized buffer naming the field.
    @Test func inconsistentConfigsAreRefusedWithNumbers() throws {
        let preset = try Self.presetJSON("vta")
        var small = preset
        var buffers = try #require(small["buffers"] as? [[String: Any]])
        buffers[2]["bytes"] = 8
        small["buffers"] = buffers
        let smallPath = try Self.write(small, name: "small")
        let tooSmall = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", smallPath])
        #expect(tooSmall.status == 1)
        #expect(tooSmall.stderr.contains("layer 'conv1' does not fit") && tooSmall.stderr.contains("has 8"), "\(tooSmall.stderr)")
        buffers[2]["bytes"] = 0
        small["buffers"] = buffers
        let zeroPath = try Self.write(small, name: "zero")
        let zero = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", zeroPath])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("buffers.accumulator.bytes") && zero.stderr.contains("is 0"), "\(zero.stderr)")
    }

    @Test func emitMemWritesEveryRegionAndTheStream() throws {
        let directory = TestModels.directory.appendingPathComponent("mem-\(UUID().uuidString)")
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--target", "zc706", "--emit-mem", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("manifest.json"))) as? [String: Any])
        let entries = try #require(manifest["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["name"] as? String } == ["dram_000_conv1", "dram_001_fc", "instructions"])
        let instructions = try #require(entries.last)
        let hex = try String(contentsOf: directory.appendingPathComponent("instructions.hex"), encoding: .utf8)
        let words = hex.split(separator: "\n").filter { !$0.hasPrefix("//") }
        #expect(words.count == instructions["depth"] as? Int)
        #expect(words.allSatisfy { $0.count == 16 }, "64-bit bus: 16 hex digits per word")
        for entry in entries {
            let name = try #require(entry["name"] as? String)
            for suffix in ["hex", "coe", "mif"] {
                #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).\(suffix)").path))
            }
        }
    }

    static func presetJSON(_ name: String) throws -> [String: Any] {
        let result = try VGGCProcess.run(["targets", name])
        guard result.status == 0 else { throw EvalCommandTests.CompileFailure(stderr: result.stderr) }
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func write(_ object: [String: Any], name: String) throws -> String {
        let url = TestModels.directory.appendingPathComponent("\(name)-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url.path
    }
}
