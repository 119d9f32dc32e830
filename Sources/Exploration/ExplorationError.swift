import Foundation

/// What design-space exploration refuses.
public enum ExplorationError: Error, Equatable, Sendable, LocalizedError {
    /// The part is in the Resources catalogue but vggc knows no board for it (clock, DRAM ports).
    case noPlatform(part: String, known: [String])
    /// `--clock` is not a usable frequency.
    case invalidClock(Double)
    /// `--budget` text that is not `dsp=N,bram36=N` (either or both).
    case invalidBudget(text: String, reason: String)
    /// No config of the sweep fits the part and the budget.
    case nothingFits(part: String, dsp: Int, bram36: Int, luts: Int, flipFlops: Int)
    /// No config that fits could run every layer of the model.
    case nothingRuns(model: String, part: String, reason: String)
    /// The model file is neither an `.onnx` nor a compiled `.bin`.
    case unsupportedModel(path: String)
    /// A config failed to compile for a reason other than a layer not fitting its buffers.
    case configFailed(config: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .noPlatform(let part, let known):
            return "no board is known for part '\(part)' (clock, DRAM ports); explore knows \(known.joined(separator: ", "))"
        case .invalidClock(let clock):
            return "--clock \(clock): the clock must be a positive number of MHz, at most 100000"
        case .invalidBudget(let text, let reason):
            return "--budget '\(text)': \(reason); write dsp=N,bram36=N (either or both)"
        case .nothingFits(let part, let dsp, let bram36, let luts, let flipFlops):
            return "no config of the sweep fits \(part) within \(dsp) DSP blocks, \(bram36) block RAMs, \(luts) LUTs and \(flipFlops) flip-flops (`vggc resources` shows a config's needs)"
        case .nothingRuns(let model, let part, let reason):
            return "no config that fits \(part) runs every layer of \(model): \(reason)"
        case .unsupportedModel(let path):
            return "\(path): explore takes an .onnx model or a compiled .bin"
        case .configFailed(let config, let reason):
            return "config \(config) does not compile: \(reason)"
        }
    }
}
