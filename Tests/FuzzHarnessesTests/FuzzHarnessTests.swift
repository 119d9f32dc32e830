import Foundation
@testable import FuzzHarnesses
import Testing
import TestSupport

/// Every committed fuzzing input (the seed corpora and every input that once crashed a harness)
/// goes through its harness: a trap ends the test process, so a regression cannot pass.
@Suite struct FuzzHarnessTests {
    static let fuzzDirectory = GeneratedFiles.repositoryRoot.appendingPathComponent("Fuzz")

    static func inputs(of harness: FuzzHarness, in folder: String) -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(folder).appendingPathComponent(harness.rawValue)
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: FuzzHarness.allCases)
    func everySeedAndRegressionInputRunsWithoutTrapping(_ harness: FuzzHarness) throws {
        let seeds = Self.inputs(of: harness, in: "Corpus")
        #expect(!seeds.isEmpty, "Fuzz/Corpus/\(harness.rawValue) has no seed inputs")
        for input in seeds + Self.inputs(of: harness, in: "Regressions") {
            harness.run(try Data(contentsOf: input))
        }
    }
}
