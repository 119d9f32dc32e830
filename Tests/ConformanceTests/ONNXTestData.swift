import Foundation
import TestSupport

/// Walks the conformance test vectors that ship in the `onnx` PyPI wheel.
enum ONNXTestData {
    /// The data directory, or a reason why it cannot be found.
    static let directory = ONNXBackendTestData.directory

    /// The case directories of one collection (`pytorch-converted`), sorted by name.
    static func cases(in collection: String) throws -> [URL] {
        let root = try directory.get().appendingPathComponent(collection)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        return names.map { root.appendingPathComponent($0) }
    }

    /// The `test_data_set_*` directories of a case, sorted.
    static func dataSets(of caseDirectory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: caseDirectory.path)
            .filter { $0.hasPrefix("test_data_set_") }
            .sorted()
            .map { caseDirectory.appendingPathComponent($0) }
    }

    /// The numbered `input_N.pb` or `output_N.pb` files of a data set, in index order.
    static func tensorFiles(_ prefix: String, in dataSet: URL) throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dataSet.path)
            .filter { $0.hasPrefix(prefix + "_") && $0.hasSuffix(".pb") }
        let indexed = names.compactMap { name -> (Int, String)? in
            let digits = name.dropFirst(prefix.count + 1).dropLast(3)
            return Int(digits).map { ($0, name) }
        }
        return indexed.sorted { $0.0 < $1.0 }.map { dataSet.appendingPathComponent($0.1) }
    }
}
