import Foundation

/// Finds the images of a calibration or evaluation directory.
public enum ImageDirectory {
    /// The file name extensions taken as images (compared case-insensitively).
    public static let fileExtensions = ["jpeg", "jpg", "pgm", "png", "ppm"]

    /// The image files directly in `directory` (not in subdirectories; hidden files skipped), sorted by
    /// file name. An empty result is an error.
    public static func imageFiles(in directory: URL) throws -> [URL] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        } catch {
            throw RuntimeError.io(path: directory.path, reason: "cannot list the directory (\(error.localizedDescription))")
        }
        let images = entries.filter { entry in
            fileExtensions.contains(entry.pathExtension.lowercased())
                && (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true
        }
        guard !images.isEmpty else {
            throw RuntimeError.noImages(directory: directory.path, extensions: fileExtensions)
        }
        return images.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
