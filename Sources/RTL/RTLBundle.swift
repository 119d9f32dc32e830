import Accelerator
import Foundation

/// The RTL of one hardware config: the generated packages, the hand-written SystemVerilog, the
/// testbench with its header, and the manifest that names them.
public struct RTLBundle: Hashable, Sendable {
    public let config: HardwareConfig
    public let parameters: RTLParameters

    /// Throws `RTLError` for a config the RTL cannot implement.
    public init(config: HardwareConfig) throws {
        self.config = config
        parameters = try RTLParameters(config: config)
    }

    /// The SystemVerilog files in compile order: the two generated packages, then the hand-written ones.
    public var systemVerilog: [RTLFile] {
        [RTLFile(path: ConfigPackage.fileName, contents: ConfigPackage.render(parameters, name: config.name)),
         RTLFile(path: ISAPackage.fileName, contents: ISAPackage.render())] + RTLSources.systemVerilog
    }

    /// The testbench and its header.
    public var testbench: [RTLFile] {
        [RTLFile(path: ConfigPackage.headerName, contents: ConfigPackage.header(parameters, config: config)), RTLSources.testbench]
    }

    public var manifest: RTLManifest {
        RTLManifest(target: config.name, top: RTLSources.topModule, files: systemVerilog.map(\.path),
                    testbench: RTLSources.testbench.path, header: ConfigPackage.headerName, parameters: parameters)
    }

    /// The manifest as pretty-printed JSON with sorted keys.
    public func manifestJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
    }

    /// Every file of the bundle, `manifest.json` last.
    public func files() throws -> [RTLFile] {
        systemVerilog + testbench + [RTLFile(path: "manifest.json", contents: try manifestJSON())]
    }

    /// Writes every file under `directory` (created when missing).
    public func write(to directory: URL) throws {
        for file in try files() {
            let url = directory.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            } catch {
                throw RTLError.unwritableOutput(path: url.path, reason: error.localizedDescription)
            }
        }
    }
}
