import Foundation

/// What the Resources module refuses.
public enum ResourcesError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// `--part` named no part of `FPGAPart.catalogue`.
    case unknownPart(String, known: [String])

    public var description: String {
        switch self {
        case .unknownPart(let name, let known):
            return "unknown FPGA part '\(name)'; known parts: \(known.joined(separator: ", "))"
        }
    }

    /// The description, for `localizedDescription` (the CLI's one-line error).
    public var errorDescription: String? { description }
}
