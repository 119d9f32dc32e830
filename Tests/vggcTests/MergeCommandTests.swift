import Foundation
import Testing

/// `vggc merge` of `vggc eval --shard I/N --json` (and `vggc run MODEL.bin DIR --shard I/N --json`)
/// outputs, against the unsharded `vggc eval --json` (and `vggc run MODEL.bin DIR --json`).
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

    /// `vggc run MODEL.bin DIR` over seven labelled images, with the per-layer table.
    static func runArguments() throws -> [String] {
        let folder = TestModels.directory.appendingPathComponent("merge-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["0002_0.png", "0005_0.png", "0015_0.png", "0501_1.png", "0502_1.png", "4503_9.png", "0018_0.png"] {
            try FileManager.default.copyItem(at: RunCommandTests.testImages.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return ["run", try RunCommandTests.compiledLeNet.get(), folder.path, "--stats", "--jobs", "1"]
    }

    /// Each shard's `vggc run … --json`, written to a file.
    static func runShardFiles(_ arguments: [String], count: Int) throws -> [String] {
        try (0..<count).map { index in
            let result = try VGGCProcess.run(arguments + ["--shard", "\(index)/\(count)", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let file = TestModels.directory.appendingPathComponent("run-shard-\(index)-of-\(count)-\(UUID().uuidString).json")
            try Data(result.stdout.utf8).write(to: file)
            return file.path
        }
    }

    /// `output` without the lines of the host's wall clock, which no merge can reproduce.
    static func withoutHostTiming(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { line in
            !line.contains("\"host_seconds\"") && !line.contains("\"host_images_per_second\"") && !line.hasPrefix("host ")
        }
    }

    /// A run summary's host timing, decoded as exactly as it was encoded.
    struct HostTiming: Decodable {
        var seconds: Double
        var imagesPerSecond: Double

        enum CodingKeys: String, CodingKey {
            case seconds = "host_seconds"
            case imagesPerSecond = "host_images_per_second"
        }

        init(_ output: String) throws {
            self = try JSONDecoder().decode(Self.self, from: Data(output.utf8))
        }
    }

    @Test func threeRunShardsMergeIntoTheUnshardedSummary() throws {
        let arguments = try Self.runArguments()
        let whole = try VGGCProcess.run(arguments + ["--json"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let files = try Self.runShardFiles(arguments, count: 3)
        let merged = try VGGCProcess.run(["merge"] + files.reversed() + ["--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(Self.withoutHostTiming(merged.stdout) == Self.withoutHostTiming(whole.stdout))
        #expect(Self.withoutHostTiming(whole.stdout).count == whole.stdout.split(separator: "\n").count - 2)
        let shardSeconds = try files.map { try HostTiming(try String(contentsOfFile: $0, encoding: .utf8)).seconds }
        let timing = try HostTiming(merged.stdout)
        #expect(timing.seconds == shardSeconds[0] + shardSeconds[1] + shardSeconds[2])
        #expect(timing.imagesPerSecond == 7 / timing.seconds)
        let text = try VGGCProcess.run(["merge"] + files)
        let wholeText = try VGGCProcess.run(arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("on 7 images") && text.stdout.contains("host "))
        #expect(Self.withoutHostTiming(text.stdout) == Self.withoutHostTiming(wholeText.stdout))
    }

    @Test func runShardsMissingRepeatedOrMixedWithEvalShardsAreRefused() throws {
        let files = try Self.runShardFiles(try Self.runArguments(), count: 2)
        let repeated = try VGGCProcess.run(["merge", files[0], files[0]])
        #expect(repeated.status == 1)
        #expect(repeated.stderr.hasPrefix("error: shards 0/2, 0/2 are not each of 0/2 … 1/2 exactly once"), "\(repeated.stderr)")
        let evalShard = try Self.shardFiles(count: 2)[1]
        let mixed = try VGGCProcess.run(["merge", files[0], evalShard])
        #expect(mixed.status == 1)
        #expect(mixed.stderr == "error: \(evalShard) is a `vggc eval` report but \(files[0]) is a `vggc run MODEL.bin DIR` report: "
                + "merge the shards of one command\n")
    }
}
