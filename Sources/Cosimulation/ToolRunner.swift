import Foundation

/// Runs an external tool (Verilator, the simulator, sha256sum) and returns its standard output.
enum ToolRunner {
    /// Runs `executable` with `arguments` in `directory`, feeding `input` on standard input; throws
    /// `CosimulationError.toolFailed` (with the last lines of its output) on a non-zero status and
    /// `toolMissing` when it cannot be started.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
                    acceptedStatuses: Set<Int32> = [0]) throws -> (output: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        do { try process.run() } catch {
            throw CosimulationError.toolMissing(tool: executable)
        }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard acceptedStatuses.contains(process.terminationStatus) else {
            let tail = text.split(separator: "\n").suffix(3).joined(separator: " | ")
            throw CosimulationError.toolFailed(tool: URL(fileURLWithPath: executable).lastPathComponent,
                                               status: process.terminationStatus, output: tail)
        }
        return (text, process.terminationStatus)
    }

    /// The absolute path of `tool` on PATH.
    static func locate(_ tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw CosimulationError.toolMissing(tool: tool)
    }
}
