/// What `vggc rtl` writes as `manifest.json`: the top module, the SystemVerilog files in compile
/// order, the testbench and its header, the target and its parameters.
public struct RTLManifest: Codable, Hashable, Sendable {
    public var target: String
    public var top: String
    /// SystemVerilog files, relative to the manifest's directory, in compile order.
    public var files: [String]
    /// The Verilator C++ testbench.
    public var testbench: String
    /// The header the testbench includes.
    public var header: String
    public var parameters: RTLParameters
}
