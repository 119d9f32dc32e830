import Foundation

/// Test inputs that the repository's Python scripts generate (zoo weights, ONNX Runtime reference
/// outputs, QDQ models): regenerated when missing or older than what they are made from.
public enum GeneratedFiles {
    /// The repository's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A script that exited with a failure; its description says how to install what it needs.
    public struct ScriptFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Serialises generation within the test process: suites run in parallel and some share a
    /// script's outputs.
    private static let lock = NSLock()

    /// The lock file that serialises generation across processes (`Scripts/bench.py`, which a test
    /// runs, takes the same lock before it generates zoo files).
    public static let processLockFile = repositoryRoot.appendingPathComponent("models/.generation.lock")

    /// Runs `python3 Scripts/<script> <arguments>` in the repository when any of `outputs` is
    /// missing or older than the newest of `sources`. One generation at a time across processes.
    public static func ensure(_ outputs: [URL], from sources: [URL], script: String, arguments: [String] = []) throws {
        lock.lock()
        defer { lock.unlock() }
        let descriptor = open(processLockFile.path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw ScriptFailure(description: "cannot open the generation lock \(processLockFile.path): errno \(errno)")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw ScriptFailure(description: "cannot lock \(processLockFile.path): errno \(errno)")
        }
        defer { flock(descriptor, LOCK_UN) }
        let newestSource = sources.compactMap(modificationDate).max() ?? .distantFuture
        guard outputs.contains(where: { (modificationDate($0) ?? .distantPast) < newestSource }) else { return }
        try runScript(script, arguments: arguments)
    }

    /// The file's (or folder's) modification date, if it exists.
    public static func modificationDate(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    /// Runs `python3 Scripts/<script> <arguments>`; a missing python3 or Python package, or any
    /// failure of the script, throws `ScriptFailure` with the script's output.
    public static func runScript(_ script: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Scripts/\(script)"] + arguments
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptFailure(description: """
                `python3 Scripts/\(script) \(arguments.joined(separator: " "))` exited with status \
                \(process.terminationStatus). The tests need python3 with the packages of requirements-ci.txt: \
                python3 -m pip install -r requirements-ci.txt
                \(printed)
                """)
        }
    }
}
