import Foundation

/// Runs the built `vggc` executable and captures what it prints.
struct VGGCProcess {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Whether the process died of a signal (a trap, an abort) rather than exiting.
    var signalled = false

    /// The `vggc` binary beside the test bundle in the build's products directory.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("vggc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "vggc")
    }()

    static func run(_ arguments: [String]) throws -> VGGCProcess {
        try runTool(executable.path, arguments, in: nil)
    }
}

extension VGGCProcess {
    /// Runs `vggc` with `arguments` in `directory`.
    static func run(_ arguments: [String], in directory: URL) throws -> VGGCProcess {
        try runTool(executable.path, arguments, in: directory)
    }

    /// Runs any program and captures its standard output; throws when it fails.
    static func runTool(_ path: String, _ arguments: [String]) throws -> String {
        let result = try runTool(path, arguments, in: nil)
        guard result.status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(path) failed: \(result.stderr)"]) }
        return result.stdout
    }

    static func runTool(_ path: String, _ arguments: [String], in directory: URL?) throws -> VGGCProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is drained on another thread so that neither pipe can fill up and stall the child.
        let errorReader = PipeReader(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorReader.wait()
        process.waitUntilExit()
        return VGGCProcess(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                           stderr: String(decoding: errorData, as: UTF8.self),
                           signalled: process.terminationReason == .uncaughtSignal)
    }
}

/// Reads a pipe to its end on a background thread.
private final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
