import Accelerator

extension HardwareConfig {
    /// The preset `name`, for the tests whose hand-worked figures are that preset's; a preset the
    /// tests name and the presets lack is a broken fixture, so it traps.
    public static func shipped(_ name: String) -> HardwareConfig {
        guard let preset = preset(named: name) else {
            preconditionFailure("the tests use preset '\(name)'; the presets are \(presets.map(\.name))")
        }
        return preset
    }
}
