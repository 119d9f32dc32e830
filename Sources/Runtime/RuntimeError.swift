import Foundation

/// Errors raised by the Runtime module. Each case names the file and the numbers involved.
public enum RuntimeError: Error, Equatable, LocalizedError {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not a valid `.npy` array.
    case malformedNPY(path: String, reason: String)
    /// The `.npy` array uses a layout or element type vggc does not read.
    case unsupportedNPY(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .io(let path, let reason): return "\(path): \(reason)"
        case .malformedNPY(let path, let reason): return "\(path): not a valid .npy file: \(reason)"
        case .unsupportedNPY(let path, let reason): return "\(path): unsupported .npy array: \(reason)"
        }
    }
}
