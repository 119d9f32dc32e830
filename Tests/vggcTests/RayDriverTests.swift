import Foundation
import Testing

/// `vggc-ray eval` and `vggc-ray explore` (the Python package in python/) on a local Ray cluster,
/// against `vggc eval` and `vggc explore`.
@Suite struct RayDriverTests {
    static let package = EvalCommandTests.repository.appendingPathComponent("python")

    /// Whether `python3` can import Ray (requirements-ci.txt pins it).
    static let rayImportable: Bool = {
        (try? VGGCProcess.runTool("/usr/bin/env", ["python3", "-c", "import ray"], in: nil).status) == 0
    }()

    @Test(.enabled(if: rayImportable, "ray is not importable by python3: python3 -m pip install -r requirements-ci.txt"))
    func threeShardsOnALocalClusterEqualOneProcess() throws {
        let model = try EvalCommandTests.compiledLeNet.get()
        let options = ["--limit", "24", "--reference", EvalCommandTests.lenet, "--per-layer", "--reference-int", "--json"]
        let whole = try VGGCProcess.run(["eval", model, EvalCommandTests.testImages] + options)
        #expect(whole.status == 0, "\(whole.stderr)")
        let ray = try VGGCProcess.runTool("/usr/bin/env", [
            "PYTHONPATH=\(Self.package.path)", "python3", "-m", "vggc_ray", "eval", model, EvalCommandTests.testImages,
            "--shards", "3", "--vggc", VGGCProcess.executable.path,
        ] + options, in: nil)
        #expect(ray.status == 0, "\(ray.stderr)")
        #expect(ray.stdout == whole.stdout)
    }

    /// Three shards of a small sweep, merged: the unsharded JSON and best config, byte for byte,
    /// with a progress line per shard.
    @Test(.enabled(if: rayImportable, "ray is not importable by python3: python3 -m pip install -r requirements-ci.txt"))
    func exploreShardsOnALocalClusterEqualOneProcess() throws {
        let best = { (name: String) in TestModels.directory.appendingPathComponent("ray-explore-\(name)-\(UUID().uuidString).json").path }
        let (wholeBest, rayBest) = (best("whole"), best("ray"))
        let options = ["--part", "xc7z020", "--space", ExploreCommandTests.space, "--json"]
        let whole = try VGGCProcess.run(["explore", ExploreCommandTests.lenet] + options + ["-o", wholeBest])
        #expect(whole.status == 0, "\(whole.stderr)")
        let ray = try VGGCProcess.runTool("/usr/bin/env", [
            "PYTHONPATH=\(Self.package.path)", "python3", "-m", "vggc_ray", "explore", ExploreCommandTests.lenet, "--shards", "3",
            "--vggc", VGGCProcess.executable.path, "-o", rayBest,
        ] + options, in: nil)
        #expect(ray.status == 0, "\(ray.stderr)")
        #expect(ray.stdout == whole.stdout)
        #expect(try String(contentsOfFile: rayBest, encoding: .utf8) == (try String(contentsOfFile: wholeBest, encoding: .utf8)))
        #expect(ray.stderr.contains("3/3 shards done") && ray.stderr.contains("configs/min"), "\(ray.stderr)")
    }
}
