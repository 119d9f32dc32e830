import Foundation
import RTL

/// `verilator --lint-only -Wall` over an `RTLBundle`'s SystemVerilog.
public enum VerilatorLint {
    /// Writes `bundle` to a temporary folder and lints it; returns what Verilator printed (nothing
    /// when the design is clean) and throws `CosimulationError.toolFailed` when it finds an error or
    /// warning.
    public static func run(_ bundle: RTLBundle) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-lint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try bundle.write(to: folder)
        let arguments = ["--lint-only", "-Wall", "--top-module", bundle.manifest.top] + bundle.manifest.files
        return try ToolRunner.run(try ToolRunner.locate("verilator"), arguments, in: folder).output
    }
}
