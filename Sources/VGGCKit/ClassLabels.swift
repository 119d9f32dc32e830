import Foundation

/// Class names for a compiled model.
public enum ClassLabels {
    /// The class names of a text file, one per line (surrounding blanks trimmed, empty lines skipped).
    public static func load(_ url: URL) throws -> [String] {
        do {
            return try String(contentsOf: url, encoding: .utf8)
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        } catch {
            throw VGGCKitError.unreadableFile(path: url.relativePath, reason: "cannot read the class labels")
        }
    }
}
