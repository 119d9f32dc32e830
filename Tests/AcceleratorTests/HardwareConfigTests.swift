import Foundation
import Testing
@testable import Accelerator

@Suite struct HardwareConfigTests {
    /// The MACs/cycle, clock, SRAM and bandwidth columns of docs/DESIGN's preset table.
    @Test(arguments: [
        ("seed000", 252, 100.0, 512 * 1024 + 16 * 1024, 8.0),
        ("de1soc", 72, 100.0, 485 * 1024, 8.0),
        ("vta", 256, 100.0, (32 + 256 + 128 + 32) * 1024, 8.0),
        ("zc706", 768, 150.0, 2252 * 1024, 28.0),
        ("zcu102", 2048, 200.0, 4096 * 1024, 96.0),
    ])
    func presetsMatchTheDesignTable(name: String, macs: Int, clock: Double, sram: Int, bandwidth: Double) throws {
        let config = try #require(HardwareConfig.preset(named: name))
        #expect(config.array.macsPerCycle == macs)
        #expect(config.clockMHz == clock)
        #expect(config.totalSRAMBytes == sram)
        #expect(config.dram.bytesPerCycle == bandwidth)
        try config.validate()
    }

    @Test func zc706BandwidthIs4Point2GBPerSecond() throws {
        let config = HardwareConfig.zc706
        #expect(abs(config.dram.bytesPerCycle * config.clockMHz * 1e6 - 4.2e9) < 1e6)
    }

    @Test func jsonRoundTripAndLoadFromFile() throws {
        let data = try JSONEncoder().encode(HardwareConfig.vta)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-vta-\(UUID().uuidString).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try HardwareConfig.load(target: url.path) == HardwareConfig.vta)
        #expect(String(decoding: data, as: UTF8.self).contains("\"Po\":16"))
    }

    @Test func refusesZeroSizesWithTheField() {
        var config = HardwareConfig.zc706
        config.buffers[1].bytes = 0
        #expect(throws: AcceleratorError.inconsistentConfig(name: "zc706", field: "buffers.weight.bytes", reason: "is 0; must be positive")) {
            try config.validate()
        }
        config = .vta
        config.array.pi = 0
        #expect(throws: AcceleratorError.inconsistentConfig(name: "vta", field: "array.Pi", reason: "is 0; every PE array dimension must be at least 1")) {
            try config.validate()
        }
    }

    @Test func unknownTargetListsPresets() {
        #expect(throws: AcceleratorError.unknownTarget("zc999", presets: ["seed000", "de1soc", "vta", "zc706", "zcu102"])) {
            try HardwareConfig.load(target: "zc999")
        }
    }
}
