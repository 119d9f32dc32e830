import Foundation
import Testing
import TestSupport

/// The benchmark is not part of the test suite, but its quick mode runs here so that it cannot rot:
/// every section must come out with numbers.
@Suite struct BenchmarkQuickTests {
    @Test func quickModeProducesEverySection() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Scripts/bench.py", "--quick", "--no-write", "--vggc", VGGCProcess.executable.path]
        process.currentDirectoryURL = GeneratedFiles.repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "bench.py --quick failed:\n\(errors.suffix(3000))")
        for section in ["## Float reference", "## Simulate", "## Modeled hardware", "## Accuracy"] {
            #expect(output.contains(section), "missing \(section)")
        }
        #expect(output.contains("| LeNet (MNIST) | de1soc |"))
        #expect(output.contains("| VGG16 (CIFAR form, 32x32) |"))
    }
}
