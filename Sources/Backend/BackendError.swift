import Foundation

/// Errors raised by the Backend module: what the accelerator cannot run, what does not fit a
/// target, and memory images that cannot be written. Each case names the layer or path and the
/// numbers.
public enum BackendError: Error, Equatable, LocalizedError {
    /// A layer the accelerator cannot run.
    case unsupportedLayer(layer: String, op: String, reason: String)
    /// A layer does not fit the target: a buffer too small for its smallest tile, a field too
    /// narrow, or an accumulator that could wrap.
    case layerDoesNotFit(layer: String, target: String, reason: String)
    /// An output file or directory (memory images, traces) could not be written.
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unsupportedLayer(let layer, let op, let reason):
            return "layer '\(layer)' (\(op)): not supported by the accelerator: \(reason)"
        case .layerDoesNotFit(let layer, let target, let reason):
            return "layer '\(layer)' does not fit target '\(target)': \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
