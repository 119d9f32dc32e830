import Foundation

/// The built-in targets (`--target NAME`): one JSON config file per preset in
/// `Sources/Accelerator/Presets`, compiled into the binary (SwiftPM's `embedInCode`), so that a
/// `vggc` copied anywhere has them. Figures come from docs/DESIGN's preset table; each preset's
/// `source` says which numbers are measured or published and which are assumptions.
extension HardwareConfig {
    /// Every preset file compiled in, by file name. SwiftPM names each embedded file after its
    /// path (`40-zc706.json` becomes `_0_zc706_json`); adding a preset is adding its file and its
    /// line here (`HardwareConfigTests` checks that the two agree).
    static let embeddedPresetFiles: [(name: String, bytes: [UInt8])] = [
        ("10-seed000.json", PackageResources._0_seed000_json),
        ("20-de1soc.json", PackageResources._0_de1soc_json),
        ("30-vta.json", PackageResources._0_vta_json),
        ("40-zc706.json", PackageResources._0_zc706_json),
        ("50-zcu102.json", PackageResources._0_zcu102_json),
    ]

    /// Every preset, in the order of its file name. A preset file is named `NN-<name>.json`: `NN`,
    /// two digits, places it in the list and `<name>` is its `name` field.
    public static let presets: [HardwareConfig] = {
        do { return try loadPresets(files: embeddedPresetFiles.map { ($0.name, Data($0.bytes)) }) } catch {
            preconditionFailure("the shipped presets do not load: \(error.localizedDescription)")
        }
    }()

    /// The preset with the given name.
    public static func preset(named name: String) -> HardwareConfig? {
        presets.first { $0.name == name }
    }

    /// Every `.json` file of `directory` in file-name order, each decoded strictly and validated;
    /// throws `AcceleratorError.malformedConfig` for a file not named `NN-<name>.json` or a name
    /// defined twice.
    package static func loadPresets(in directory: URL) throws -> [HardwareConfig] {
        let files: [URL]
        do { files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) } catch {
            throw AcceleratorError.malformedConfig(path: directory.path, reason: "cannot list the preset directory")
        }
        return try loadPresets(files: files.filter { $0.pathExtension == "json" }.map { file in
            do { return (file.path, try Data(contentsOf: file)) } catch {
                throw AcceleratorError.malformedConfig(path: file.path, reason: "cannot read the file")
            }
        })
    }

    /// Preset files (path and contents) in file-name order, each decoded strictly and validated;
    /// throws `AcceleratorError.malformedConfig` for a file not named `NN-<name>.json` or a name
    /// defined twice.
    package static func loadPresets(files: [(path: String, data: Data)]) throws -> [HardwareConfig] {
        var presets: [HardwareConfig] = []
        let fileName = { (path: String) in URL(fileURLWithPath: path).lastPathComponent }
        for file in files.sorted(by: { fileName($0.path) < fileName($1.path) }) {
            let preset = try decode(file.data, path: file.path)
            guard isPresetFileName(fileName(file.path), of: preset.name) else {
                throw AcceleratorError.malformedConfig(
                    path: file.path, reason: "a preset file is named NN-<name>.json (NN: two digits); this one holds preset '\(preset.name)'")
            }
            guard !presets.contains(where: { $0.name == preset.name }) else {
                throw AcceleratorError.malformedConfig(path: file.path, reason: "preset '\(preset.name)' is defined by an earlier file too")
            }
            presets.append(preset)
        }
        return presets
    }

    /// Whether `fileName` is `NN-<name>.json`.
    private static func isPresetFileName(_ fileName: String, of name: String) -> Bool {
        let position = fileName.prefix(2)
        return position.count == 2 && position.allSatisfy { ("0"..."9").contains($0) } && fileName.dropFirst(2) == "-\(name).json"
    }
}
