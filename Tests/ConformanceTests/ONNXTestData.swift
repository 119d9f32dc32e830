import Foundation

/// Locates the conformance test vectors that ship in the `onnx` PyPI wheel
/// (`onnx/backend/test/data`). `VGGC_ONNX_TEST_DATA` overrides the lookup.
enum ONNXTestData {
    /// The data directory, or a reason why it cannot be found.
    static let directory: Result<URL, LocationError> = locate()

    struct LocationError: Error, CustomStringConvertible {
        var description: String
    }

    private static func locate() -> Result<URL, LocationError> {
        if let override = ProcessInfo.processInfo.environment["VGGC_ONNX_TEST_DATA"] {
            return .success(URL(fileURLWithPath: override))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import onnx, os; print(os.path.dirname(onnx.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failure(LocationError(description: "python3 is not available to locate the onnx wheel (set VGGC_ONNX_TEST_DATA)"))
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(LocationError(description: "the onnx Python package is not installed (Scripts/install-deps.sh installs it)"))
        }
        let root = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(URL(fileURLWithPath: root).appendingPathComponent("backend/test/data"))
    }

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
