import Foundation
import Testing
import TestSupport
import Accelerator

/// Every shipped and generated model compiled by `vggc compile -o` for every preset: the SHA-256 of
/// each `.bin` (or that the compile is refused) must equal the table recorded in
/// `Fixtures/bin-digests.txt`. Refactoring must not change a byte; a deliberate format or
/// scheduling change re-records with `VGGC_RECORD_GOLDEN=1` (the run then fails once, to say so).
@Suite("Compiled .bin digests", .serialized)
struct BinDigestTests {
    /// One compile: a model (path relative to the repository, as recorded in the `.bin`'s
    /// metadata), extra flags, and the preset.
    struct Job: Sendable {
        var label: String
        var model: String
        var flags: [String]
        var preset: String
    }

    static let fixture = GeneratedFiles.repositoryRoot.appendingPathComponent("Tests/vggcTests/Fixtures/bin-digests.txt")

    /// The models: shipped ones with data-free and with image calibration, the zoo, and the QDQ models.
    static func models() throws -> [(label: String, model: String, flags: [String])] {
        try GeneratedModels.zoo.forEach(GeneratedModels.ensureZooWeights)
        try GeneratedModels.ensureQDQModels()
        let calib = ["--calib", "models/mnist/calib", "--calib-count", "16", "--labels", "models/mnist/labels.txt"]
        return [
            ("lenet", "models/lenet_de1soc.onnx", []),
            ("lenet+calib", "models/lenet_de1soc.onnx", calib),
            ("vgg16_mnist", "models/vgg16_mnist.onnx", []),
            ("vgg16_mnist+calib", "models/vgg16_mnist.onnx", calib),
        ] + GeneratedModels.zoo.map { ($0, "models/zoo/\($0).onnx", []) }
            + GeneratedModels.qdqStems.map { ($0, "models/qdq/\($0).onnx", []) }
    }

    @Test func everyModelOnEveryPresetGivesTheRecordedBytes() throws {
        let jobs = try Self.models().flatMap { model in
            HardwareConfig.presets.map { Job(label: model.label, model: model.model, flags: model.flags, preset: $0.name) }
        }
        let lines = try Self.digests(of: jobs)
        let table = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["VGGC_RECORD_GOLDEN"] != nil {
            try table.write(to: Self.fixture, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(Self.fixture.path); run again without VGGC_RECORD_GOLDEN")
            return
        }
        let recorded = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(recorded.count == lines.count, "\(lines.count) compiles, \(recorded.count) recorded")
        for (line, expected) in zip(lines, recorded) {
            #expect(line == expected)
        }
    }

    /// `label preset sha256` per job, or `label preset refused`; two compiles at a time.
    static func digests(of jobs: [Job]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-digests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return TwoLanes.map(Array(jobs.enumerated())) { index, job in
            Self.digest(of: job, output: directory.appendingPathComponent("\(index).bin"))
        }
    }

    static func digest(of job: Job, output: URL) -> String {
        let prefix = "\(job.label) \(job.preset) "
        do {
            let compile = try VGGCProcess.run(["compile", job.model, "-o", output.path, "--target", job.preset] + job.flags,
                                              in: GeneratedFiles.repositoryRoot)
            guard compile.status == 0 else { return prefix + "refused" }
            let hash = try VGGCProcess.runTool("/usr/bin/sha256sum", [output.path])
            return prefix + (hash.split(separator: " ").first.map(String.init) ?? "no digest")
        } catch {
            return prefix + "failed: \(error)"
        }
    }
}
