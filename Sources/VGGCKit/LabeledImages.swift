import Foundation
import Runtime

/// The images of an evaluation directory with their true class indices, from `labels.csv`
/// (`file,label`) when the directory has one, otherwise from file names `<anything>_<label>.<ext>`.
/// A label is a class index or one of the model's class names.
public struct LabeledImages: Hashable, Sendable {
    /// The image files, sorted by file name.
    public var files: [URL]
    /// The true class of each file.
    public var labels: [Int]

    public init(files: [URL], labels: [Int]) {
        self.files = files
        self.labels = labels
    }

    /// Reads `directory` (its images as `ImageDirectory.imageFiles` lists them); `classNames`
    /// lets labels be given by name as well as by index.
    public init(directory: URL, classNames: [String]) throws {
        let files = try ImageDirectory.imageFiles(in: directory)
        let csv = directory.appendingPathComponent("labels.csv")
        let table = FileManager.default.fileExists(atPath: csv.path) ? try Self.readCSV(csv) : nil
        labels = try files.map { file -> Int in
            let name = file.lastPathComponent
            guard let text = table.map({ $0[name] }) ?? Self.labelFromFileName(name) else {
                throw VGGCKitError.missingLabel(file: file.path, labelsFile: table == nil ? nil : csv.path)
            }
            guard let index = Int(text) ?? classNames.firstIndex(of: text) else {
                throw VGGCKitError.unknownLabel(file: file.path, label: text)
            }
            return index
        }
        self.files = files
    }

    /// The first `count` images.
    public func prefix(_ count: Int) -> LabeledImages {
        LabeledImages(files: Array(files.prefix(count)), labels: Array(labels.prefix(count)))
    }

    /// The text after the last `_` of the name without its extension.
    static func labelFromFileName(_ name: String) -> String? {
        let stem = (name as NSString).deletingPathExtension
        guard let underscore = stem.lastIndex(of: "_") else { return nil }
        let label = stem[stem.index(after: underscore)...]
        return label.isEmpty ? nil : String(label)
    }

    /// `file,label` rows (an optional `file,label` header first), by file name.
    static func readCSV(_ url: URL) throws -> [String: String] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw VGGCKitError.unreadableFile(path: url.path, reason: "cannot read the file")
        }
        var table: [String: String] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if number == 0 && fields.first == "file" { continue }
            guard fields.count == 2, !fields[0].isEmpty else { throw VGGCKitError.malformedLabels(path: url.path, line: number + 1) }
            table[fields[0]] = fields[1]
        }
        return table
    }
}
