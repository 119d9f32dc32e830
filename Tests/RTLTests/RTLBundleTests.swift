import Accelerator
import Cosimulation
import RTL
import Testing

/// The bundle `vggc rtl` writes: its manifest, its packages and lint under `verilator --lint-only -Wall`.
struct RTLBundleTests {
    @Test func manifestNamesTheFilesInCompileOrder() throws {
        let bundle = try RTLBundle(config: try HardwareConfig.load(target: "de1soc"))
        let manifest = bundle.manifest
        #expect(manifest.top == "vggc_top" && manifest.target == "de1soc")
        #expect(manifest.files.prefix(3) == ["vggc_config_pkg.sv", "vggc_isa_pkg.sv", "vggc_arith_pkg.sv"])
        #expect(manifest.files.last == "vggc_top.sv")
        #expect(manifest.testbench == "tb/vggc_tb.cpp" && manifest.header == "vggc_config.h")
        let json = try bundle.manifestJSON()
        #expect(json == (try bundle.manifestJSON()))
        #expect(json.contains("\"dramBusBits\" : 64"))
        let paths = try bundle.files().map(\.path)
        #expect(Set(paths).count == paths.count && paths.last == "manifest.json")
    }

    @Test(arguments: HardwareConfig.presets.map(\.name))
    func lintsCleanUnderVerilator(target: String) throws {
        let output = try VerilatorLint.run(try RTLBundle(config: try HardwareConfig.load(target: target)))
        #expect(!output.contains("%Warning") && !output.contains("%Error"), "\(output)")
    }
}
