import Foundation
import Runtime

/// The images of an evaluation directory (`DatasetDirectory`, flat or class folders) with their
/// true class indices, from the first of these that applies:
/// 1. a labels table: the file given, else `labels.csv` in the directory. Each line is
///    `file,label` (an optional `file,label` header first); `file` is the image's path relative to
///    the directory (`name.png`, or `class/name.png` with class folders);
/// 2. the class folders: the folder's index among the sorted folder names;
/// 3. file names `<anything>_<label>.<ext>`, where the text after the last `_` is a class index
///    written without sign or leading zeros (`0`, `17`) or one of the model's class names. Any other
///    name has no label (`ILSVRC2012_val_00000001.JPEG` has none).
///
/// In a table a label is a class index or one of the model's class names.
public struct LabeledImages: Hashable, Sendable {
    /// One labelled image.
    public struct Item: Hashable, Sendable {
        public var file: URL
        /// The path relative to the directory.
        public var name: String
        public var label: Int
    }

    /// The image files, in input order.
    public var files: [URL]
    /// Each file's path relative to the directory.
    public var names: [String]
    /// The true class of each file.
    public var labels: [Int]

    /// Images named by their last path component.
    public init(files: [URL], labels: [Int]) {
        self.init(files: files, names: files.map(\.lastPathComponent), labels: labels)
    }

    public init(files: [URL], names: [String], labels: [Int]) {
        precondition(files.count == names.count && files.count == labels.count)
        self.files = files
        self.names = names
        self.labels = labels
    }

    /// Reads `directory`; `labelsFile` replaces the directory's `labels.csv`; `classNames` lets
    /// labels be given by name as well as by index.
    public init(directory: URL, classNames: [String], labelsFile: URL? = nil) throws {
        let dataset = try DatasetDirectory(directory: directory)
        let csv = labelsFile ?? directory.appendingPathComponent("labels.csv")
        let table = labelsFile != nil || FileManager.default.fileExists(atPath: csv.path) ? try Self.readCSV(csv) : nil
        let labels = try zip(dataset.names, dataset.files).enumerated().map { position, entry -> Int in
            let (name, file) = entry
            if let table {
                guard let text = table[name] else { throw VGGCKitError.missingLabel(file: file.path, labelsFile: csv.path) }
                guard let index = Self.classIndex(text, classNames: classNames) else {
                    throw VGGCKitError.unknownLabel(file: file.path, label: text)
                }
                return index
            }
            if !dataset.folderClasses.isEmpty { return dataset.folderClasses[position] }
            guard let index = Self.labelFromFileName(file.lastPathComponent, classNames: classNames) else {
                throw VGGCKitError.missingLabel(file: file.path, labelsFile: nil)
            }
            return index
        }
        self.init(files: dataset.files, names: dataset.names, labels: labels)
    }

    /// The images with their names and labels, in input order.
    public var items: [Item] {
        (0..<files.count).map { Item(file: files[$0], name: names[$0], label: labels[$0]) }
    }

    /// The first `count` images.
    public func prefix(_ count: Int) -> LabeledImages {
        LabeledImages(files: Array(files.prefix(count)), names: Array(names.prefix(count)), labels: Array(labels.prefix(count)))
    }

    /// The label of a name `<anything>_<label>.<ext>`, or `nil` when the text after the last `_` is
    /// neither a canonical class index nor a class name.
    static func labelFromFileName(_ name: String, classNames: [String]) -> Int? {
        let stem = (name as NSString).deletingPathExtension
        guard let underscore = stem.lastIndex(of: "_") else { return nil }
        let text = String(stem[stem.index(after: underscore)...])
        let isCanonicalIndex = text == "0" || (text.first.map { $0 != "0" } == true && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber))
        return isCanonicalIndex ? Int(text) : classNames.firstIndex(of: text)
    }

    /// A class index (decimal) or the position of a class name.
    private static func classIndex(_ text: String, classNames: [String]) -> Int? {
        Int(text).flatMap { $0 >= 0 ? $0 : nil } ?? classNames.firstIndex(of: text)
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
