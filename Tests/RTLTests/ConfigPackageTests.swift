import Accelerator
import RTL
import Testing

/// `vggc_config_pkg` and the testbench header of the de1soc preset (20-de1soc.json, by hand).
struct ConfigPackageTests {
    @Test func packageAndHeaderHoldTheParameters() throws {
        let config = try HardwareConfig.load(target: "de1soc")
        let parameters = try RTLParameters(config: config)
        let package = ConfigPackage.render(parameters, name: "de1soc")
        #expect(package.contains("package vggc_config_pkg;\n"))
        #expect(package.contains("  localparam int PO = 6;\n  localparam int PI = 1;\n"))
        #expect(package.contains("  localparam int ACCUMULATOR_ENTRY_BYTES = 8;\n"))
        let header = ConfigPackage.header(parameters, config: config)
        #expect(header.contains("#define VGGC_DRAM_BUS_BITS 64\n#define VGGC_DRAM_PORTS 1\n#define VGGC_DRAM_LATENCY_CYCLES 60\n#define VGGC_DRAM_BYTES_PER_CYCLE 8.0\n"))
    }
}
