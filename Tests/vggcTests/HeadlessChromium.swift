import Foundation

/// Debian's `chromium` in headless mode, for the report's rendering test: loads a local page, takes
/// a screenshot or dumps the DOM, and collects the console messages Chromium logs to standard
/// error (`…:INFO:CONSOLE:…] "message", source: …`, or `ERROR:CONSOLE` in older builds).
struct HeadlessChromium {
    /// Set to `1` to let the browser test pass without Chromium (never in CI).
    static let skipVariable = "VGGC_SKIP_BROWSER"

    let executable: URL

    /// The first `chromium` or `chromium-browser` on `PATH` (then `/usr/bin`), if any.
    static func find() -> HeadlessChromium? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin"]
        for directory in directories {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return HeadlessChromium(executable: candidate) }
            }
        }
        return nil
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The console lines: anything the page logged, warned about or threw.
        var consoleMessages: [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        }
    }

    /// Loads `page` in a fresh profile with `arguments` added (`--screenshot=…`, `--dump-dom`); gives
    /// up after `timeout` seconds.
    func load(_ page: URL, arguments: [String], timeout: TimeInterval = 90) throws -> Output {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        for url in [outURL, errURL] { try Data().write(to: url) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--headless=new", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--window-size=1400,3000"]
            + arguments + [page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
