import Foundation
import Testing

/// `vggc merge` of `vggc eval --shard I/N --json` outputs, against the unsharded `vggc eval --json`.
@Suite struct MergeCommandTests {
    static func evalArguments() throws -> [String] {
        ["eval", try EvalCommandTests.compiledLeNet.get(), EvalCommandTests.testImages, "--limit", "40",
         "--reference", EvalCommandTests.lenet, "--per-layer", "--reference-int", "--json"]
    }

    /// The shards' reports, written to files.
    static func shardFiles(count: Int) throws -> [String] {
        try (0..<count).map { index in
            let result = try VGGCProcess.run(try evalArguments() + ["--shard", "\(index)/\(count)", "--jobs", "1"])
            #expect(result.status == 0, "\(result.stderr)")
            let file = TestModels.directory.appendingPathComponent("shard-\(index)-of-\(count)-\(UUID().uuidString).json")
            try Data(result.stdout.utf8).write(to: file)
            return file.path
        }
    }

    @Test func threeShardsMergeIntoTheUnshardedReport() throws {
        let whole = try VGGCProcess.run(try Self.evalArguments())
        #expect(whole.status == 0, "\(whole.stderr)")
        let files = try Self.shardFiles(count: 3)
        let shard = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files[1]))) as? [String: Any])
        #expect(shard["shard"] as? String == "1/3" && shard["images"] as? Int == 13)
        let merged = try VGGCProcess.run(["merge"] + files.reversed() + ["--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        let text = try VGGCProcess.run(["merge"] + files)
        let wholeText = try VGGCProcess.run(Array(try Self.evalArguments().dropLast()))
        #expect(text.stdout == wholeText.stdout)
    }

    @Test func aMissingShardIsAnError() throws {
        let files = try Self.shardFiles(count: 2)
        let result = try VGGCProcess.run(["merge", files[0]])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: shards 0/2 are not each of 0/2 … 1/2 exactly once"), "\(result.stderr)")
    }

    @Test func anUnshardedReportIsRefused() throws {
        let whole = try VGGCProcess.run(try Self.evalArguments())
        let file = TestModels.directory.appendingPathComponent("whole-\(UUID().uuidString).json")
        try Data(whole.stdout.utf8).write(to: file)
        let result = try VGGCProcess.run(["merge", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not the report of a shard"), "\(result.stderr)")
    }
}
