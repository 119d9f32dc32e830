import Foundation
import IR
import Testing
@testable import Frontend

/// Importing real models from ONNX's backend test data.
@Suite(.enabled(if: ONNXFixtures.onnxTestData != nil))
struct ONNXImporterTests {
    private func model(_ path: String) throws -> ONNXModelFile {
        try ONNXModelFile.load(try #require(ONNXFixtures.onnxTestData).appendingPathComponent(path + "/model.onnx"))
    }

    @Test func pytorchConv2d() throws {
        let graph = try model("pytorch-converted/test_Conv2d").importGraph()
        // Facts from the model file (opset 6; weights "1" and "2" are also listed as inputs).
        #expect(graph.inputs == [ValueInfo(name: "0", type: TensorType(.float32, [2, 3, 7, 5]))])
        #expect(graph.initializers["1"]?.shape == [4, 3, 3, 2])
        #expect(graph.initializers["2"]?.shape == [4])
        let conv = ConvAttributes(kernelShape: [3, 2], strides: [1, 1], dilations: [1, 1], padding: .explicit([0, 0, 0, 0]), group: 1)
        #expect(graph.nodes == [Node(name: "Conv_0", op: .conv(conv), inputs: ["0", "1", "2"], outputs: ["3"])])
        #expect(graph.types["3"] == TensorType(.float32, [2, 4, 5, 4]))
    }

    /// These legacy-broadcast cases run on float64 inputs: only the inputs are reported, the Add
    /// itself translates.
    @Test func legacyBroadcastOperators() throws {
        for name in ["add_broadcast", "add_size1_broadcast", "add_size1_right_broadcast", "add_size1_singleton_broadcast"] {
            let issues = try model("pytorch-operator/test_operator_\(name)").supportReport().issues
            #expect(issues.map(\.opType) == ["<graph input>", "<graph input>"], "\(name)")
        }
    }

    @Test func opset6PadAndClip() throws {
        let pad = try model("pytorch-converted/test_ConstantPad2d").importGraph()
        #expect(pad.nodes.map(\.op) == [.pad(mode: .constant, pads: [0, 0, 3, 1, 0, 0, 4, 2], value: 2)])
        let clip = try model("pytorch-operator/test_operator_clip").importGraph()
        #expect(clip.nodes.map(\.op) == [.clip(min: -0.5, max: 0.5)])
    }

    @Test func unsupportedModelsAreReported() throws {
        let report = try model("pytorch-converted/test_Softplus").supportReport()
        #expect(report.issues.map(\.opType) == ["Softplus"])
    }

    /// Every model ONNX ships for pytorch conversions and node tests loads without error (but for
    /// the few input-less ones, which vggc refuses); where the report is empty, it imports.
    @Test(arguments: ["pytorch-converted", "pytorch-operator", "node"])
    func everyModelLoadsAndSupportedOnesImport(collection: String) throws {
        let root = try #require(ONNXFixtures.onnxTestData).appendingPathComponent(collection)
        var imported = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let file: ONNXModelFile
            do {
                file = try ONNXModelFile.load(root.appendingPathComponent(name).appendingPathComponent("model.onnx"))
            } catch FrontendError.emptyGraph(_, "the graph has no inputs") {
                continue
            }
            guard file.supportReport().isSupported else { continue }
            do {
                _ = try file.importGraph()
                imported += 1
            } catch {
                Issue.record("\(collection)/\(name): \(error.localizedDescription)")
            }
        }
        #expect(imported > 0)
    }
}
