import Foundation

/// Errors raised by the Backend module: what the accelerator cannot run, what does not fit a
/// target, scheduled programs read before a stage decided them or breaking what a stage promises,
/// scheduled-program text that cannot be read, and memory images that cannot be written. Each case
/// names the layer, line or path and the numbers.
public enum BackendError: Error, Equatable, LocalizedError {
    /// A layer the accelerator cannot run.
    case unsupportedLayer(layer: String, op: String, reason: String)
    /// A layer does not fit the target: a buffer too small for its smallest tile, a field too
    /// narrow, or an accumulator that could wrap.
    case layerDoesNotFit(layer: String, target: String, reason: String)
    /// A decision of the scheduled program was read before `stage` made it; `layer` is `nil` for a
    /// decision about the whole program.
    case undecided(subject: String, layer: String?, stage: String)
    /// The scheduled program breaks an invariant `stage` promises (`ScheduledProgramVerifier`);
    /// `layer` is `nil` for the whole program.
    case invalidSchedule(layer: String?, stage: String, detail: String)
    /// The text of a scheduled program could not be read (`ScheduledProgramParser`); `line` is
    /// 1-based.
    case parseError(line: Int, detail: String)
    /// An output file or directory (memory images, traces) could not be written.
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unsupportedLayer(let layer, let op, let reason):
            return "layer '\(layer)' (\(op)): not supported by the accelerator: \(reason)"
        case .layerDoesNotFit(let layer, let target, let reason):
            return "layer '\(layer)' does not fit target '\(target)': \(reason)"
        case .undecided(let subject, let layer, let stage):
            return "\(layer.map { "layer '\($0)': " } ?? "")\(subject) is read before stage '\(stage)' decided it"
        case .invalidSchedule(let layer, let stage, let detail):
            return "after stage '\(stage)', \(layer.map { "layer '\($0)' " } ?? "the program ")\(detail)"
        case .parseError(let line, let detail):
            return "line \(line): \(detail)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
