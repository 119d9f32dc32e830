import Foundation

/// The hand-written SystemVerilog and the Verilator testbench, compiled into the library from
/// `Sources/RTL/SystemVerilog` (SwiftPM's `embedInCode`; SwiftPM names each file after its name,
/// `vggc_top.sv` becoming `vggc_top_sv`).
public enum RTLSources {
    /// The hand-written SystemVerilog in compile order, after the generated packages.
    public static let systemVerilog: [RTLFile] = [
        file("vggc_arith_pkg.sv", PackageResources.vggc_arith_pkg_sv),
        file("vggc_token_queue.sv", PackageResources.vggc_token_queue_sv),
        file("vggc_instruction_queue.sv", PackageResources.vggc_instruction_queue_sv),
        file("vggc_sram_buffer.sv", PackageResources.vggc_sram_buffer_sv),
        file("vggc_read_arbiter.sv", PackageResources.vggc_read_arbiter_sv),
        file("vggc_dma_walker.sv", PackageResources.vggc_dma_walker_sv),
        file("vggc_pad_walker.sv", PackageResources.vggc_pad_walker_sv),
        file("vggc_fetch.sv", PackageResources.vggc_fetch_sv),
        file("vggc_load_unit.sv", PackageResources.vggc_load_unit_sv),
        file("vggc_store_unit.sv", PackageResources.vggc_store_unit_sv),
        file("vggc_lane.sv", PackageResources.vggc_lane_sv),
        file("vggc_compute_unit.sv", PackageResources.vggc_compute_unit_sv),
        file("vggc_top.sv", PackageResources.vggc_top_sv),
    ]

    /// The Verilator C++ testbench.
    public static let testbench = file("tb/vggc_tb.cpp", PackageResources.vggc_tb_cpp)

    /// The top module's name.
    public static let topModule = "vggc_top"

    private static func file(_ path: String, _ bytes: [UInt8]) -> RTLFile {
        RTLFile(path: path, contents: String(decoding: bytes, as: UTF8.self))
    }
}
