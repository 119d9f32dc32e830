import Foundation
import Frontend
import IR
import Testing
import TestSupport
import Reference

/// The PyTorch-exported zoo (`models/zoo`): each graph is imported, run through the standard pass
/// pipeline with verification and interpreted in fp32, and its logits must match ONNX Runtime's
/// within 1e-3 of the largest reference logit. Missing weights and references are regenerated with
/// the repository's Python scripts first; without python3, numpy, onnx and onnxruntime the test
/// fails and says so.
///
/// One model at a time (about 0.5 GB of weights each) to keep memory in check.
@Suite("PyTorch model zoo against ONNX Runtime", .serialized)
struct ZooTests {
    static let models = GeneratedModels.zoo
    static let tolerance: Float = 1e-3


    @Test("matches ONNX Runtime", arguments: models)
    func matchesONNXRuntime(model: String) throws {
        try Self.ensureGeneratedFiles(model)
        let clock = ContinuousClock()
        let start = clock.now
        let imported = try ONNXModelFile.load(Self.file(model, "onnx")).importGraph()
        let graph = try PassPipeline.standard.run(imported, verify: true) { _, _ in }
        let input = try #require(graph.inputs.first, "\(model) has no graph input")
        let outputName = try #require(graph.outputs.first, "\(model) has no graph output")
        let compiled = clock.now
        let outputs = try FloatInterpreter(graph: graph)
            .run([input.name: try ONNXTensorFile.load(Self.file(model, "input.pb"))])
        let finished = clock.now
        let ours = try #require(outputs[outputName], "\(model) did not produce \(outputName)")
        let reference = try ONNXTensorFile.load(Self.file(model, "output.pb"))
        try #require(ours.shape == reference.shape, "\(model): shape \(ours.shape), ONNX Runtime \(reference.shape)")

        let errors = Self.Errors(ours: ours.floats, reference: reference.floats)
        print("zoo \(model.padding(toLength: 9, withPad: " ", startingAt: 0))"
              + String(format: " %3d -> %3d nodes  import+passes %6.2f s  run %6.2f s  max rel err %.2e  top-5 rel err %.2e",
                       imported.nodes.count, graph.nodes.count, Self.seconds(compiled - start),
                       Self.seconds(finished - compiled), errors.maxRelative, errors.topFiveRelative)
              + "  top-1 \(errors.sameTopOne ? "same" : "DIFFERENT")")
        #expect(errors.referenceScale > 0, "\(model): the ONNX Runtime output is all zeros")
        #expect(errors.maxRelative <= Self.tolerance,
                "\(model): max |vggc - ORT| / max |ORT| = \(errors.maxRelative) at logit \(errors.worstIndex) (\(ours.floats[errors.worstIndex]) vs \(reference.floats[errors.worstIndex]))")
    }

    /// How far our logits are from the reference.
    struct Errors {
        /// max |reference|: the scale the errors are relative to.
        var referenceScale: Float
        /// max |ours - reference| / max |reference|.
        var maxRelative: Float
        /// Index of the largest absolute difference.
        var worstIndex: Int
        /// The largest elementwise |ours - reference| / |reference| over the reference's top five.
        var topFiveRelative: Float
        /// Whether both pick the same top logit.
        var sameTopOne: Bool

        init(ours: [Float], reference: [Float]) {
            referenceScale = reference.map(abs).max() ?? 0
            let differences = zip(ours, reference).map { abs($0 - $1) }
            let worst = differences.indices.max { differences[$0] < differences[$1] } ?? 0
            worstIndex = worst
            maxRelative = differences.isEmpty ? 0 : differences[worst] / referenceScale
            let topFive = reference.indices.sorted { reference[$0] > reference[$1] }.prefix(5)
            topFiveRelative = topFive.map { differences[$0] / abs(reference[$0]) }.max() ?? 0
            sameTopOne = ours.indices.max { ours[$0] < ours[$1] } == topFive.first
        }
    }

    static func file(_ model: String, _ suffix: String) -> URL {
        GeneratedModels.zooFile(model, suffix)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Regenerates the weights when missing or older than the graph, then the input and ONNX
    /// Runtime output when missing or older than the weights.
    static func ensureGeneratedFiles(_ model: String) throws {
        let graph = file(model, "onnx"), weights = file(model, "weights")
        try #require(FileManager.default.fileExists(atPath: graph.path), "\(graph.path) is missing")
        try GeneratedModels.ensureZooWeights(model)
        try GeneratedFiles.ensure([file(model, "input.pb"), file(model, "output.pb")], from: [weights],
                                  script: "zoo_reference.py", arguments: ["--models", model])
    }
}
