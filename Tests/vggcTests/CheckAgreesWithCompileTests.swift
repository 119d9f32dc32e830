import Accelerator
import Foundation
import Testing
import TestSupport

/// `vggc check` exits 0 exactly when `vggc compile -o` succeeds: every model the repository ships
/// or generates on every preset, and every model of the onnx wheel's `backend/test/data` (`light/`
/// included) on two presets of different arithmetic. Neither command may trap.
@Suite("check agrees with compile", .serialized)
struct CheckAgreesWithCompileTests {
    struct Job: Sendable {
        var model: String
        var preset: String
    }

    @Test func repositoryModelsOnEveryPreset() throws {
        try GeneratedModels.zoo.forEach(GeneratedModels.ensureZooWeights)
        try GeneratedModels.ensureQDQModels()
        let models = ["models/lenet_de1soc.onnx", "models/vgg16_mnist.onnx"]
            + GeneratedModels.zoo.map { "models/zoo/\($0).onnx" } + GeneratedModels.qdqStems.map { "models/qdq/\($0).onnx" }
            + [TestModels.tinyCNN.path, TestModels.unsupported.path]
        try Self.expectAgreement(models.flatMap { model in HardwareConfig.presets.map { Job(model: model, preset: $0.name) } })
    }

    @Test func onnxBackendTestModels() throws {
        let directory = try ONNXBackendTestData.directory.get()
        let models = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".onnx") }.sorted().map { directory.appendingPathComponent($0).path }
        #expect(models.count > 1000, "the onnx wheel's test data should hold well over 1000 models")
        try Self.expectAgreement(models.flatMap { [Job(model: $0, preset: "zc706"), Job(model: $0, preset: "de1soc")] })
    }

    /// Runs check and compile for every job and expects them to agree; prints how many compiled.
    static func expectAgreement(_ jobs: [Job]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-check-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcomes = TwoLanes.map(Array(jobs.enumerated())) { index, job in
            Self.outcome(job, output: directory.appendingPathComponent("\(index).bin"))
        }
        let disagreements = outcomes.filter { !$0.hasPrefix("agree") }
        print("check vs compile: \(jobs.count) jobs, \(outcomes.filter { $0.hasPrefix("agree: compiles") }.count) compile, \(disagreements.count) disagree")
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }

    /// `agree: …` or a line saying how check and compile differ.
    static func outcome(_ job: Job, output: URL) -> String {
        do {
            let check = try VGGCProcess.run(["check", job.model, "--target", job.preset], in: GeneratedFiles.repositoryRoot)
            let compile = try VGGCProcess.run(["compile", job.model, "-o", output.path, "--target", job.preset],
                                              in: GeneratedFiles.repositoryRoot)
            try? FileManager.default.removeItem(at: output)
            let trapped = check.signalled || compile.signalled
            if !trapped && (check.status == 0) == (compile.status == 0) {
                return "agree: " + (compile.status == 0 ? "compiles" : "refused")
            }
            let compileError = compile.stderr.split(separator: "\n").first { $0.hasPrefix("error:") } ?? ""
            let checkLines = check.stdout.split(separator: "\n").dropFirst().prefix(3).joined(separator: " | ")
            return "\(job.model) on \(job.preset): check \(check.signalled ? "signal" : "exit") \(check.status) [\(checkLines)\(check.stderr.prefix(200))], compile \(compile.signalled ? "signal" : "exit") \(compile.status) [\(compileError)]"
        } catch {
            return "\(job.model) on \(job.preset): \(error)"
        }
    }
}
