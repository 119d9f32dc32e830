import Foundation
import RTL

/// The Verilator simulator of one `RTLBundle`, built once and cached by content: its folder under the
/// cache is the SHA-256 of the bundle's files and the Verilator version, so a changed source or
/// tool builds anew and an unchanged one is reused.
public struct SimulatorBuild: Hashable, Sendable {
    /// The simulator executable.
    public let executable: URL
    /// Whether it came from the cache.
    public let cached: Bool
    /// Seconds the Verilator build took (0 when cached).
    public let seconds: Double

    /// The default cache folder, `~/.cache/vggc/cosim`.
    public static var defaultCache: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/vggc/cosim")
    }

    /// Builds (or finds in `cache`) the simulator of `bundle`, reporting each step to `progress`.
    public static func make(_ bundle: RTLBundle, cache: URL, progress: (String) -> Void) throws -> SimulatorBuild {
        let verilator = try ToolRunner.locate("verilator")
        let version = try ToolRunner.run(verilator, ["--version"]).output
        let files = try bundle.files()
        let key = try contentKey(files, version: version)
        let folder = cache.appendingPathComponent(key)
        let executable = folder.appendingPathComponent("obj/vggc_sim")
        if FileManager.default.isExecutableFile(atPath: executable.path) {
            return SimulatorBuild(executable: executable, cached: true, seconds: 0)
        }
        // Built in a folder of its own and moved into place, so that two processes building the same
        // simulator at once neither share a build folder nor see a half-built one.
        let staging = cache.appendingPathComponent("\(key).building-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        progress("writing the RTL of \(bundle.config.name) to \(staging.path)")
        try bundle.write(to: staging)
        progress("building the simulator with Verilator (a few minutes)")
        let began = Date()
        let manifest = bundle.manifest
        let arguments = ["--cc", "--exe", "--build", "-j", "2", "-O3", "--top-module", manifest.top, "-Mdir", "obj",
                         "-o", "vggc_sim", "-CFLAGS", "-O2 -I\(staging.path)"] + manifest.files + [manifest.testbench]
        _ = try ToolRunner.run(verilator, arguments, in: staging)
        do {
            try FileManager.default.moveItem(at: staging, to: folder)
        } catch where FileManager.default.isExecutableFile(atPath: executable.path) {
            // Another process finished the same build first; its simulator is the same.
        } catch {
            throw CosimulationError.fileError(path: folder.path, reason: error.localizedDescription)
        }
        let seconds = Date().timeIntervalSince(began)
        progress("built the simulator in \(Int(seconds)) s")
        return SimulatorBuild(executable: executable, cached: false, seconds: seconds)
    }

    /// The SHA-256 (hex) of every file's path and contents and the Verilator version.
    static func contentKey(_ files: [RTLFile], version: String) throws -> String {
        var text = version
        for file in files { text += "\u{0}\(file.path)\u{0}\(file.contents)" }
        let output = try ToolRunner.run(try ToolRunner.locate("sha256sum"), [], input: Data(text.utf8)).output
        return String(output.prefix { !$0.isWhitespace })
    }
}
