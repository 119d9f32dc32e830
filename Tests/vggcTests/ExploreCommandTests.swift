import Foundation
import Testing

/// `vggc explore` on the shipped LeNet with a small sweep.
@Suite struct ExploreCommandTests {
    static let repository = RunCommandTests.repository
    static let lenet = repository.appendingPathComponent("models/lenet_de1soc.onnx").path
    static let image = RunCommandTests.images[0]

    /// A sweep of a few dozen configs, written once.
    static let space: String = {
        let url = TestModels.directory.appendingPathComponent("explore-space.json")
        let kib = { (sizes: [Int]) in sizes.map { $0 * 1024 } }
        let space: [String: Any] = ["po": [4, 8], "pi": [2, 4, 8], "pk": [1, 9], "pp": [1, 4], "inputBytes": kib([4, 32]),
                                    "weightBytes": kib([2, 64]), "accumulatorBytes": kib([16]), "outputBytes": kib([16]),
                                    "smallestArrayShare": 64, "smallestMemoryShare": 1000]
        try? JSONSerialization.data(withJSONObject: space).write(to: url)
        return url.path
    }()

    struct Explored: Sendable {
        var stdout: String
        var best: String
        var html: String

        var json: [String: Any] {
            get throws { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] ?? [:] }
        }
    }

    static let explored: Result<Explored, Error> = Result {
        let best = TestModels.directory.appendingPathComponent("explore-best-\(UUID().uuidString).json").path
        let html = TestModels.directory.appendingPathComponent("explore-\(UUID().uuidString).html").path
        let result = try VGGCProcess.run(["explore", lenet, "--part", "xc7z020", "--space", space, "--json", "-o", best, "--html", html,
                                          "--jobs", "2"])
        guard result.status == 0 else { throw EvalCommandTests.CompileFailure(stderr: result.stderr) }
        return Explored(stdout: result.stdout, best: best, html: try String(contentsOfFile: html, encoding: .utf8))
    }

    @Test func jsonListsTheFrontWithItsFigures() throws {
        let json = try Self.explored.get().json
        let evaluated = try #require(json["evaluated"] as? Int)
        let pareto = try #require(json["pareto"] as? [[String: Any]])
        #expect(evaluated >= pareto.count && !pareto.isEmpty)
        for point in pareto {
            #expect(Set(point.keys) == ["config", "cycles", "latencyUs", "energyUJ", "convGOPS", "dsp", "bram36", "lut"])
            let cycles = try #require(point["cycles"] as? Int), latency = try #require(point["latencyUs"] as? Double)
            #expect(abs(latency - Double(cycles) / 100) < 1e-9, "xc7z020's board runs at 100 MHz")
        }
    }

    /// `-o` writes a target that `vggc compile --target` takes, and `vggc run` of the result counts
    /// the cycles the sweep reported for it.
    @Test func bestConfigCompilesAndRunsInTheCyclesReported() throws {
        let explored = try Self.explored.get()
        let best = try #require(try explored.json["best"] as? [String: Any])
        let bin = TestModels.directory.appendingPathComponent("explore-best-\(UUID().uuidString).bin").path
        let compile = try VGGCProcess.run(["compile", Self.lenet, "--target", explored.best, "-o", bin])
        #expect(compile.status == 0, "\(compile.stderr)")
        let run = try VGGCProcess.run(["run", bin, Self.image, "--json", "--stats"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let hardware = try #require(report["hardware"] as? [String: Any])
        #expect(hardware["cycles"] as? Int == best["cycles"] as? Int)
    }

    @Test func htmlHasBothParetoPlotsWithTheChosenPointAndPresets() throws {
        let html = try Self.explored.get().html
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"chosen-point\"").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"preset-point\"").count - 1 == 2 * 3, "vta, zc706 and zcu102 in both plots")
    }

    /// `vggc merge` of three `--shard` runs prints the unsharded JSON and table byte for byte, and
    /// its -o writes the same best config.
    @Test func mergedShardsEqualTheUnshardedSweep() throws {
        let explored = try Self.explored.get()
        let options = ["--part", "xc7z020", "--space", Self.space, "--json", "--jobs", "2"]
        let files = try (0..<3).map { index -> String in
            let shard = try VGGCProcess.run(["explore", Self.lenet, "--shard", "\(index)/3"] + options)
            #expect(shard.status == 0, "\(shard.stderr)")
            let file = TestModels.directory.appendingPathComponent("explore-shard-\(index)-\(UUID().uuidString).json").path
            try Data(shard.stdout.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }
        let best = TestModels.directory.appendingPathComponent("explore-merged-best-\(UUID().uuidString).json").path
        let merged = try VGGCProcess.run(["merge"] + files.reversed() + ["--json", "-o", best])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == explored.stdout)
        #expect(try String(contentsOfFile: best, encoding: .utf8) == (try String(contentsOfFile: explored.best, encoding: .utf8)))
        let table = try VGGCProcess.run(["merge"] + files)
        let wholeTable = try VGGCProcess.run(["explore", Self.lenet, "--part", "xc7z020", "--space", Self.space])
        #expect(table.stdout == wholeTable.stdout && table.stdout.contains("best for latency"))
        let missing = try VGGCProcess.run(["merge"] + files.prefix(2))
        #expect(missing.status == 1 && missing.stderr.contains("0/3"), "\(missing.stderr)")
    }

    @Test func unknownPartAndMalformedBudgetAreRefused() throws {
        let part = try VGGCProcess.run(["explore", Self.lenet, "--part", "xc9999"])
        #expect(part.status == 1 && part.stderr.contains("xc9999") && part.stderr.contains("xc7z045"))
        let budget = try VGGCProcess.run(["explore", Self.lenet, "--part", "xc7z020", "--budget", "dsp=many"])
        #expect(budget.status == 1 && budget.stderr.contains("dsp=many"))
    }
}
