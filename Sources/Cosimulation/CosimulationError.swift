import Foundation

/// What a co-simulation can fail on, before any comparison. Each case names the tool, file or step.
public enum CosimulationError: Error, Hashable, Sendable, LocalizedError {
    /// A tool the co-simulation runs is not installed.
    case toolMissing(tool: String)
    /// A tool exited with a non-zero status; `output` is the end of what it printed.
    case toolFailed(tool: String, status: Int32, output: String)
    /// The simulation reached its cycle limit before `done`.
    case simulationTimedOut(cycles: Int)
    /// The design raised `error` (an illegal opcode or SYNC unit in the stream).
    case illegalInstruction(index: Int)
    /// The simulator's trace could not be read.
    case malformedTrace(path: String, reason: String)
    /// A file of the co-simulation could not be written or read.
    case fileError(path: String, reason: String)
    /// A config's buffer is smaller than `InstructionProgramGenerator`'s shapes need.
    case bufferTooSmall(buffer: String, bytes: Int, needed: Int)

    public var errorDescription: String? {
        switch self {
        case .toolMissing(let tool):
            return "\(tool) is not installed (Debian: apt-get install verilator)"
        case .toolFailed(let tool, let status, let output):
            return "\(tool) exited with status \(status): \(output)"
        case .simulationTimedOut(let cycles):
            return "the RTL simulation did not finish within \(cycles) cycles"
        case .illegalInstruction(let index):
            return "the RTL stopped at instruction \(index): illegal opcode or SYNC unit"
        case .malformedTrace(let path, let reason):
            return "\(path): malformed simulation trace (\(reason))"
        case .fileError(let path, let reason):
            return "\(path): \(reason)"
        case .bufferTooSmall(let buffer, let bytes, let needed):
            return "the \(buffer) buffer has \(bytes) bytes; generated programs need at least \(needed)"
        }
    }
}
