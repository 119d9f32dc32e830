import Foundation
import IR
import Testing

@Suite struct CompileCommandTests {
    @Test func dumpIRPrintsEveryStageInPipelineOrder() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir"])
        #expect(result.status == 0, "\(result.stderr)")
        let stages = result.stdout.split(separator: "\n").filter { $0.hasPrefix("// ---- IR after stage") }
        #expect(stages.count == PassPipeline.standard.stageNames.count)
        #expect(stages.map { $0.split(separator: "'")[1] }.map(String.init) == PassPipeline.standard.stageNames)
    }

    @Test func dumpOneStageShowsTheFusedGraph() throws {
        let last = try #require(PassPipeline.standard.stageNames.last)
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir=\(last)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "// ---- IR after stage").count == 2)
        #expect(result.stdout.contains("relu"))
        #expect(!result.stdout.contains("= relu("), "the ReLU should be fused into the convolution")
    }

    @Test func stopAfterImportSkipsThePasses() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--stop-after", "import", "--dump-ir"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "// ---- IR after stage").count == 2)
    }

    @Test func jsonSummaryListsStagesAndFusedLayers() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let stages = (object?["stages"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(stages == PassPipeline.standard.stageNames)
        let layers = (object?["layers"] as? [[String: Any]] ?? []).compactMap { $0["op"] as? String }
        #expect(layers == ["Conv", "MaxPool", "Flatten", "FullyConnected"])
        #expect(object?["outputs"] as? [String] == ["y"])
    }

    @Test func unknownStageIsAUsageError() throws {
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "--dump-ir=nonsense"])
        #expect(result.status == 64 || result.status == 2)
        #expect(result.stderr.contains("unknown stage 'nonsense'"))
    }

    @Test func unsupportedModelIsRefusedBeforeAnyWork() throws {
        let result = try VGGCProcess.run(["compile", TestModels.unsupported.path, "--dump-ir"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("exp1"))
    }
}
