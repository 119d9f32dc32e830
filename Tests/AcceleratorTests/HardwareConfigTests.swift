import Foundation
import Testing
@testable import Accelerator
import Quantization
import TestSupport

@Suite struct HardwareConfigTests {
    static let presetDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Accelerator/Presets")

    /// The presets are the files of Sources/Accelerator/Presets, in file-name order, each named
    /// `NN-<name>.json` after the preset it holds.
    @Test func presetsAreThePresetFilesInFileNameOrder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.presetDirectory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        #expect(HardwareConfig.presets.map { "-\($0.name).json" } == files.map { String($0.dropFirst(2)) })
        for preset in HardwareConfig.presets { try preset.validate() }
    }

    /// The DE1-SoC LeNet paper: 72 MACs/cycle at 100 MHz, 485 KiB of M10K, a sigmoid table, Q10.
    @Test func de1socHasThePapersFigures() {
        let config = HardwareConfig.shipped("de1soc")
        #expect(config.array.macsPerCycle == 72 && config.clockMHz == 100)
        #expect(config.totalSRAMBytes == 485 * 1024)
        #expect(config.features.lutActivations && config.arithmetic == .de1socQ10)
    }

    @Test func zc706BandwidthIs4Point2GBPerSecond() throws {
        let config = HardwareConfig.shipped("zc706")
        #expect(config.array.macsPerCycle == 768 && config.clockMHz == 150)
        #expect(abs(config.dram.bytesPerCycle * config.clockMHz * 1e6 - 4.2e9) < 1e6)
    }

    @Test func jsonRoundTripAndLoadFromFile() throws {
        let vta = HardwareConfig.shipped("vta")
        let data = try JSONEncoder().encode(vta)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-vta-\(UUID().uuidString).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try HardwareConfig.load(target: url.path) == vta)
        #expect(String(decoding: data, as: UTF8.self).contains("\"Po\":16"))
    }

    /// The arithmetic is typed but encodes as the raw name it always had.
    @Test func arithmeticEncodesAsItsName() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let features = Features(lutActivations: true, arithmetic: .de1socQ10)
        #expect(String(decoding: try encoder.encode(features), as: UTF8.self) == #"{"arithmetic":"de1soc-q10","lutActivations":true}"#)
    }

    @Test func refusesZeroSizesWithTheField() {
        var config = HardwareConfig.shipped("zc706")
        config.buffers[1].bytes = 0
        #expect(throws: AcceleratorError.inconsistentConfig(name: "zc706", field: "buffers.weight.bytes", reason: "is 0; must be positive")) {
            try config.validate()
        }
        config = .shipped("vta")
        config.array.pi = 0
        #expect(throws: AcceleratorError.inconsistentConfig(name: "vta", field: "array.Pi", reason: "is 0; every PE array dimension must be at least 1")) {
            try config.validate()
        }
    }

    @Test func unknownTargetListsPresets() {
        #expect(throws: AcceleratorError.unknownTarget("zc999", presets: HardwareConfig.presets.map(\.name))) {
            try HardwareConfig.load(target: "zc999")
        }
    }

    @Test func unknownKeyIsRefusedWithItsPath() throws {
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .unknownKey("dram.bandwidth"))) {
            try HardwareConfig.decode(try Self.vta(setting: 8, at: ["dram", "bandwidth"]), path: "t.json")
        }
        // A config written before the SRAM banks were removed.
        var object = try Self.vtaObject()
        var buffers = try #require(object["buffers"] as? [[String: Any]])
        buffers[1]["banks"] = 2
        object["buffers"] = buffers
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .unknownKey("buffers[1].banks"))) {
            try HardwareConfig.decode(try JSONSerialization.data(withJSONObject: object), path: "t.json")
        }
    }

    @Test func missingKeyIsRefusedWithItsPath() throws {
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .missingKey("dram.latencyCycles"))) {
            try HardwareConfig.decode(try Self.vta(setting: nil, at: ["dram", "latencyCycles"]), path: "t.json")
        }
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .missingKey("clockMHz"))) {
            try HardwareConfig.decode(try Self.vta(setting: nil, at: ["clockMHz"]), path: "t.json")
        }
    }

    @Test func wrongTypeIsRefusedWithTheKeyAndTheType() throws {
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .wrongType(key: "dram.latencyCycles", expected: "an integer"))) {
            try HardwareConfig.decode(try Self.vta(setting: "100", at: ["dram", "latencyCycles"]), path: "t.json")
        }
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .wrongType(key: "clockMHz", expected: "a number"))) {
            try HardwareConfig.decode(try Self.vta(setting: "fast", at: ["clockMHz"]), path: "t.json")
        }
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .wrongType(key: "features", expected: "an object"))) {
            try HardwareConfig.decode(try Self.vta(setting: [1, 2], at: ["features"]), path: "t.json")
        }
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .wrongType(key: "name", expected: "a string"))) {
            try HardwareConfig.decode(try Self.vta(setting: NSNull(), at: ["name"]), path: "t.json")
        }
    }

    @Test func unknownArithmeticIsRefusedWithTheAllowedOnes() throws {
        let allowed = ["default", "vgg16-cu", "de1soc-q10", "dynamic-fixed-point", "pow2-weights"]
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: .unknownValue(key: "features.arithmetic", value: "float", allowed: allowed))) {
            try HardwareConfig.decode(try Self.vta(setting: "float", at: ["features", "arithmetic"]), path: "t.json")
        }
    }

    @Test func unknownBufferRoleIsRefusedWithTheAllowedOnes() throws {
        var object = try Self.vtaObject()
        var buffers = try #require(object["buffers"] as? [[String: Any]])
        buffers[3]["role"] = "scratch"
        object["buffers"] = buffers
        let problem = ConfigKeyProblem.unknownValue(key: "buffers[3].role", value: "scratch", allowed: ["input", "weight", "accumulator", "output"])
        #expect(throws: AcceleratorError.invalidConfig(path: "t.json", problem: problem)) {
            try HardwareConfig.decode(try JSONSerialization.data(withJSONObject: object), path: "t.json")
        }
    }

    @Test func configErrorsAreOneLine() {
        let errors: [AcceleratorError] = [
            .invalidConfig(path: "my.json", problem: .unknownKey("dram.bandwidth")),
            .invalidConfig(path: "my.json", problem: .missingKey("dram.latencyCycles")),
            .invalidConfig(path: "my.json", problem: .wrongType(key: "clockMHz", expected: "a number")),
            .invalidConfig(path: "my.json", problem: .unknownValue(key: "features.arithmetic", value: "float", allowed: ["default", "vgg16-cu"])),
        ]
        #expect(errors.map(\.localizedDescription) == [
            "my.json: dram.bandwidth: unknown key",
            "my.json: missing key 'dram.latencyCycles'",
            "my.json: clockMHz: expected a number",
            "my.json: features.arithmetic: unknown value 'float'; allowed: default, vgg16-cu",
        ])
    }

    @Test func textThatIsNotJSONIsRefused() {
        #expect(throws: AcceleratorError.malformedConfig(path: "t.json", reason: "not JSON")) {
            try HardwareConfig.decode(Data("{\"name\": ".utf8), path: "t.json")
        }
    }

    /// A directory of preset files: listed by file name, other files ignored, a file not named after
    /// its preset or a preset defined twice refused.
    @Test func presetDirectoryIsReadInFileNameOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-presets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writePreset("zc706", to: directory.appendingPathComponent("20-zc706.json"))
        try Self.writePreset("vta", to: directory.appendingPathComponent("10-vta.json"))
        try Data("notes".utf8).write(to: directory.appendingPathComponent("README.md"))
        #expect(try HardwareConfig.loadPresets(in: directory).map(\.name) == ["vta", "zc706"])

        let twice = directory.appendingPathComponent("30-vta.json")
        try Self.writePreset("vta", to: twice)
        #expect(throws: AcceleratorError.malformedConfig(path: twice.path, reason: "preset 'vta' is defined by an earlier file too")) {
            try HardwareConfig.loadPresets(in: directory)
        }
        try FileManager.default.removeItem(at: twice)

        let misnamed = directory.appendingPathComponent("3-de1soc.json")
        try Self.writePreset("de1soc", to: misnamed)
        #expect(throws: AcceleratorError.malformedConfig(
            path: misnamed.path, reason: "a preset file is named NN-<name>.json (NN: two digits); this one holds preset 'de1soc'")) {
            try HardwareConfig.loadPresets(in: directory)
        }
    }

    /// The presets compiled into the binary are exactly the files of Sources/Accelerator/Presets.
    @Test func theEmbeddedPresetsAreThePresetFiles() throws {
        let directory = GeneratedFiles.repositoryRoot.appendingPathComponent("Sources/Accelerator/Presets")
        #expect(HardwareConfig.presets == (try HardwareConfig.loadPresets(in: directory)),
                "a preset file is missing from HardwareConfig.embeddedPresetFiles, or differs from it")
    }

    static func writePreset(_ name: String, to url: URL) throws {
        try JSONEncoder().encode(HardwareConfig.shipped(name)).write(to: url)
    }

    /// The vta preset as a JSON object.
    static func vtaObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(HardwareConfig.shipped("vta"))) as? [String: Any])
    }

    /// The vta preset's JSON with the value at `path` replaced (`nil` removes the key).
    static func vta(setting value: Any?, at path: [String]) throws -> Data {
        try JSONSerialization.data(withJSONObject: setting(value, at: path[...], in: try vtaObject()))
    }

    private static func setting(_ value: Any?, at path: ArraySlice<String>, in object: [String: Any]) -> [String: Any] {
        var object = object
        guard let key = path.first else { return object }
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = setting(value, at: path.dropFirst(), in: object[key] as? [String: Any] ?? [:])
        }
        return object
    }
}
