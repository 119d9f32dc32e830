import Foundation

/// The conformance test vectors that ship in the `onnx` PyPI wheel (`onnx/backend/test/data`),
/// found through `python3`; `VGGC_ONNX_TEST_DATA` overrides the lookup.
public enum ONNXBackendTestData {
    /// Why the data could not be found.
    public struct LocationError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The data directory, or the reason it cannot be found.
    public static let directory: Result<URL, LocationError> = locate()

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
        let data = URL(fileURLWithPath: root).appendingPathComponent("backend/test/data")
        guard FileManager.default.fileExists(atPath: data.path) else {
            return .failure(LocationError(description: "\(data.path) does not exist"))
        }
        return .success(data)
    }
}
