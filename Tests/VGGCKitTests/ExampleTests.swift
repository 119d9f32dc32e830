import Foundation
import Testing
import TestSupport
import VGGCKit

/// README's "Use vggc as a library" code is `Sources/vggc-example/main.swift`, and the built
/// example prints the top-1 label and modeled cycles.
@Suite struct ExampleTests {
    static let source = GeneratedFiles.repositoryRoot.appendingPathComponent("Sources/vggc-example/main.swift")

    @Test func readmeShowsTheExampleVerbatim() throws {
        let readme = try String(contentsOf: GeneratedFiles.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Use vggc as a library").dropFirst().first)
        let code = try #require(section.components(separatedBy: "```swift\n").dropFirst().first?.components(separatedBy: "```").first)
        #expect(code == (try String(contentsOf: Self.source, encoding: .utf8)))
    }

    /// The example compiles as `KitFixtures.compiledLeNet` does; image 0002 is a 0.
    @Test func theBuiltExampleRuns() throws {
        let process = Process()
        process.executableURL = try Self.example()
        process.currentDirectoryURL = GeneratedFiles.repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let session = try Session(model: try KitFixtures.compiledLeNet.get())
        let cycles = try session.run(imageAt: KitFixtures.testImages.appendingPathComponent("0002_0.png")).cycles
        #expect(text == "top-1: 0, \(cycles) modeled cycles\n")
    }

    /// The `vggc-example` binary in the build's products directory, which holds the test bundle.
    static func example() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("vggc-example")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw KitFixtures.Missing(what: "the built vggc-example")
    }
}
