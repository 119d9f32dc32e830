import Foundation
import Runtime

/// The images of an evaluation or run directory, in input order, in one of two layouts:
/// - flat: the images directly in the directory (`ImageDirectory.imageFiles`), sorted by file name;
/// - class folders (torchvision's `ImageFolder`), when the directory has no images of its own: one
///   subdirectory per class, classes numbered in the sorted order of the folder names (by Unicode
///   code point, as Python sorts), images ordered by class, then by file name within the folder.
public struct DatasetDirectory: Hashable, Sendable {
    /// The directory read.
    public var directory: URL
    /// Each image's path relative to `directory` (`name.png`, or `class/name.png`), in input order.
    public var names: [String]
    /// The class folders in class-index order; empty for a flat directory.
    public var classFolders: [String]
    /// Each image's class folder index; empty for a flat directory.
    public var folderClasses: [Int]

    /// Lists `directory`; a directory with neither images nor class folders of images is an error.
    public init(directory: URL) throws {
        self.directory = directory
        let subdirectories = try Self.subdirectories(of: directory)
        let hasOwnImages = (try? ImageDirectory.imageFiles(in: directory)) != nil
        guard !hasOwnImages, !subdirectories.isEmpty else {
            names = try ImageDirectory.imageFiles(in: directory).map(\.lastPathComponent)
            classFolders = []
            folderClasses = []
            return
        }
        classFolders = subdirectories
        var names: [String] = [], classes: [Int] = []
        for (index, folder) in subdirectories.enumerated() {
            let files = try ImageDirectory.imageFiles(in: directory.appendingPathComponent(folder))
            names += files.map { folder + "/" + $0.lastPathComponent }
            classes += Array(repeating: index, count: files.count)
        }
        self.names = names
        folderClasses = classes
    }

    /// The image files, in input order.
    public var files: [URL] { names.map { directory.appendingPathComponent($0) } }

    /// The visible subdirectories' names, sorted by Unicode code point.
    private static func subdirectories(of directory: URL) throws -> [String] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isDirectoryKey],
                                                                  options: [.skipsHiddenFiles])
        } catch {
            throw RuntimeError.io(path: directory.path, reason: "cannot list the directory (\(error.localizedDescription))")
        }
        return entries.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .map(\.lastPathComponent)
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }
}
