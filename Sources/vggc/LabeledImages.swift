import Foundation
import Runtime

/// The images of an evaluation directory with their true class indices, from `labels.csv`
/// (`file,label`) when the directory has one, otherwise from file names `<anything>_<label>.<ext>`.
struct LabeledImages {
    var files: [URL]
    var labels: [Int]

    /// Reads `directory`; `classNames` lets labels be given by name as well as by index.
    static func load(_ directory: String, classNames: [String]) throws -> LabeledImages {
        let folder = URL(fileURLWithPath: directory)
        let files = try ImageDirectory.imageFiles(in: folder)
        guard !files.isEmpty else {
            throw RuntimeError.io(path: directory, reason: "no images (.png, .jpg, .jpeg, .ppm, .pgm) found")
        }
        let csv = folder.appendingPathComponent("labels.csv")
        let table = FileManager.default.fileExists(atPath: csv.path) ? try readCSV(csv) : nil
        let labels = try files.map { file -> Int in
            let name = file.lastPathComponent
            guard let text = table.map({ $0[name] }) ?? labelFromFileName(name) else {
                throw RuntimeError.io(path: file.path, reason: table == nil
                    ? "no label: name the file <anything>_<label>.<ext> or add labels.csv (file,label)"
                    : "not listed in \(csv.path)")
            }
            guard let index = Int(text) ?? classNames.firstIndex(of: text) else {
                throw RuntimeError.io(path: file.path, reason: "label '\(text)' is neither a class index nor a class name")
            }
            return index
        }
        return LabeledImages(files: files, labels: labels)
    }

    private static func labelFromFileName(_ name: String) -> String? {
        let stem = (name as NSString).deletingPathExtension
        guard let underscore = stem.lastIndex(of: "_") else { return nil }
        let label = stem[stem.index(after: underscore)...]
        return label.isEmpty ? nil : String(label)
    }

    private static func readCSV(_ url: URL) throws -> [String: String] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RuntimeError.io(path: url.path, reason: "cannot read the file")
        }
        var table: [String: String] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if number == 0 && fields.first == "file" { continue }
            guard fields.count == 2, !fields[0].isEmpty else {
                throw RuntimeError.io(path: url.path, reason: "line \(number + 1): expected 'file,label'")
            }
            table[fields[0]] = fields[1]
        }
        return table
    }
}
