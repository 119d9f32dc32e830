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

    /// LeNet's sigmoid needs a lookup-table stage: a preset without LUT activations refuses it in one
    /// line naming the layer.
    @Test func sigmoidIsRefusedWithoutLUTActivations() throws {
        let preset = try #require(HardwareConfig.presets.first { !$0.features.lutActivations })
        let result = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "--target", preset.name])
        #expect(result.status == 1)
        let expected: String = "error: layer '/features/features.1/Sigmoid' (LookupTable): not supported by the accelerator: "
            + "target '\(preset.name)' has no LUT activations (features.lutActivations is false), so it has no lookup-table "
            + "stage for sigmoid, tanh or other table layers"
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.map(String.init)
        #expect(errors == [expected], "\(result.stderr)")
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
