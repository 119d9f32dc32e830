import Foundation
import Testing

/// `vggc-ray eval` (the Python package in python/) on a local Ray cluster, against `vggc eval`.
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
}
