import Foundation

/// The built-in targets (`--target NAME`): one JSON config file per preset in
/// `Sources/Accelerator/Presets`, bundled as package resources. Figures come from docs/DESIGN's preset
/// table; each preset's `source` says which numbers are measured or published and which are
/// assumptions.
extension HardwareConfig {
    /// Every preset, in the order of its file name. A preset file is named `NN-<name>.json`: `NN`,
    /// two digits, places it in the list and `<name>` is its `name` field. Adding a preset is adding
    /// its file.
    public static let presets: [HardwareConfig] = {
        guard let directory = Bundle.module.url(forResource: "Presets", withExtension: nil) else {
            preconditionFailure("the Accelerator module's resources have no Presets directory")
        }
        do { return try loadPresets(in: directory) } catch {
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
        var presets: [HardwareConfig] = []
        for file in files.filter({ $0.pathExtension == "json" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let preset = try load(file: file)
            guard isPresetFileName(file.lastPathComponent, of: preset.name) else {
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
