@testable import IR
import Testing

@Suite("PassPipeline")
struct PassPipelineTests {
    @Test func standardStagesInOrder() {
        #expect(PassPipeline.standard.stageNames == ["import", "constant-folding", "remove-identity", "dce",
                                                     "normalize-reshape", "form-channel-shuffle", "form-fc", "form-swish",
                                                     "affine-to-batchnorm", "fold-batchnorm", "batchnorm-to-conv", "fuse-activation"])
    }

    @Test func compilesASmallExportToAcceleratorLayers() throws {
        let (input, output) = try GoldenIR.check("pipeline/small-cnn", passes: PassPipeline.standard.passes)
        #expect(PassTestSupport.operatorNames(output) == ["Conv", "MaxPool", "Flatten", "FullyConnected", "FullyConnected",
                                                          "Softmax"])
        #expect(output.nodes[0].op.fusedActivation == .relu)
        #expect(output.nodes[3].op.fusedActivation == .relu)
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 11))
    }

    @Test func observesEveryStageUpToStopAfter() throws {
        let input = try GoldenIR.input("pipeline/small-cnn")
        var stages: [String] = []
        let result = try PassPipeline.standard.run(input, verify: true, stopAfter: "dce") { stage, graph in
            stages.append(stage)
            try Verifier.verify(graph)
        }
        #expect(stages == ["import", "constant-folding", "remove-identity", "dce"])
        #expect(result.nodes.contains { $0.op == .batchNormalization(epsilon: 1e-5) })
        #expect(!result.nodes.contains { $0.op == .dropout })
    }

    @Test func stopAfterImportRunsNoPass() throws {
        let input = try GoldenIR.input("pipeline/small-cnn")
        let result = try PassPipeline.standard.run(input, verify: true, stopAfter: "import") { _, _ in }
        #expect(result == input)
    }

    @Test func rejectsAnUnknownStageBeforeRunning() throws {
        let input = try GoldenIR.input("pipeline/small-cnn")
        var observed = 0
        #expect(throws: IRError.unknownStage("fold-bn", available: PassPipeline.standard.stageNames)) {
            try PassPipeline.standard.run(input, verify: true, stopAfter: "fold-bn") { _, _ in observed += 1 }
        }
        #expect(observed == 0)
    }

    @Test func namesThePassThatBrokeTheGraph() throws {
        let input = try GoldenIR.input("pipeline/small-cnn")
        let pipeline = PassPipeline(passes: [RemoveIdentityOps(), DuplicateFirstNodeName()])
        #expect(throws: IRError.verificationFailed(pass: "duplicate-name", detail: "node name 'conv' is used more than once")) {
            try pipeline.run(input, verify: true) { _, _ in }
        }
        _ = try pipeline.run(input, verify: false) { _, _ in }
    }

    /// A deliberately broken pass: renames the second node after the first.
    private struct DuplicateFirstNodeName: GraphPass {
        let name = "duplicate-name"

        func run(_ graph: Graph) throws -> Graph {
            var result = graph
            result.nodes[1].name = result.nodes[0].name
            return result
        }
    }
}
