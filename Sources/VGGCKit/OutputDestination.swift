import Foundation

/// Where a compile will write, checked before any work so that a long compile cannot fail at its end.
public enum OutputDestination {
    /// Refuses `url` unless its directory exists and is writable, and `url` is not a directory or a
    /// file that cannot be overwritten.
    public static func checkWritable(_ url: URL) throws {
        let files = FileManager.default
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "the directory \(directory.path) does not exist")
        }
        guard files.isWritableFile(atPath: directory.path) else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "the directory \(directory.path) is not writable")
        }
        guard files.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard !isDirectory.boolValue else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "it is a directory")
        }
        guard files.isWritableFile(atPath: url.path) else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "the file is not writable")
        }
    }
}
