import Foundation

/// Where a compile will write, checked before any work so that a long compile cannot fail at its end.
public enum OutputDestination {
    /// Refuses `url` unless its directory exists and is writable, `url` is not a directory or a
    /// file that cannot be overwritten, and opening it for writing succeeds (which permissions
    /// alone do not tell: a read-only file system, `/proc`, or root's permission bits). A file the
    /// probe creates is removed again; an existing one is opened without truncating it.
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
        let exists = files.fileExists(atPath: url.path, isDirectory: &isDirectory)
        guard !exists || !isDirectory.boolValue else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "it is a directory")
        }
        guard !exists || files.isWritableFile(atPath: url.path) else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "the file is not writable")
        }
        try probeOpening(url, created: !exists)
    }

    /// Opens `url` for writing and closes it again, removing it when the probe `created` it.
    private static func probeOpening(_ url: URL, created: Bool) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: "it cannot be opened for writing: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        if created { unlink(url.path) }
    }
}
