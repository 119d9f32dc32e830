import Foundation

/// Errors raised by the Backend module. Each case names the config or layer and the numbers.
public enum BackendError: Error, Equatable, LocalizedError {
    /// `--target` named neither a preset nor a readable JSON file.
    case unknownTarget(String, presets: [String])
    /// The JSON file does not decode as a hardware config.
    case malformedConfig(path: String, reason: String)
    /// A config field is zero, negative or otherwise inconsistent.
    case inconsistentConfig(name: String, field: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unknownTarget(let target, let presets):
            return "unknown target '\(target)': not a preset (\(presets.joined(separator: ", "))) or a JSON file"
        case .malformedConfig(let path, let reason):
            return "\(path): not a valid hardware config: \(reason)"
        case .inconsistentConfig(let name, let field, let reason):
            return "hardware config '\(name)': \(field) \(reason)"
        }
    }
}
