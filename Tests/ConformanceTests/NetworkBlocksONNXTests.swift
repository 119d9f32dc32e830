import Foundation
import Calibration
import Frontend
import IR
import Quantization
import Reference
import Testing
import TestSupport

/// The blocks of modern CNNs as ONNX exports them (`Scripts/make_block_models.py`: residual Add,
/// depthwise conv, SiLU, squeeze-and-excitation, HardSwish, Split, Concat, channel shuffle,
/// standalone BatchNormalization, Slice, Sum, per-channel affine, ReduceMean; opset 23): the float
/// reference must match ONNX Runtime, and the integer reference must track the float one.
@Suite("Network blocks against ONNX Runtime")
struct NetworkBlocksONNXTests {
    /// The generated model and ONNX Runtime's output, in a fresh directory.
    static func generated() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-blocks-\(UUID().uuidString)")
        try GeneratedFiles.runScript("make_block_models.py", arguments: [directory.path])
        return directory
    }

    @Test func floatMatchesONNXRuntimeAndIntegerTracksFloat() throws {
        let directory = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try ONNXModelFile.load(directory.appendingPathComponent("blocks.onnx")).importGraph()
        let graph = try PassPipeline.standard.run(imported, verify: true) { _, _ in }
        let input = try ONNXTensorFile.load(directory.appendingPathComponent("blocks.input.pb"))
        let reference = try ONNXTensorFile.load(directory.appendingPathComponent("blocks.output.pb"))
        let float = try #require(try FloatInterpreter(graph: graph).run(["x": input])["y"])
        #expect(float.shape == reference.shape)
        let worst = zip(float.floats, reference.floats).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-4, "max |vggc − ONNX Runtime| = \(worst)")

        let calibration = SampleGraphs.randomInputs(16, shape: [1, 3, 8, 8], seed: 5) + [input]
        let ranges = try Calibrator.ranges(of: graph, inputs: calibration, method: .minMax)
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        let integer = try #require(try IntegerInterpreter(graph: quantized).run(input)["y"])
        let dot = zip(float.floats, integer.floats).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let norms = (float.floats.reduce(0.0) { $0 + Double($1 * $1) } * integer.floats.reduce(0.0) { $0 + Double($1 * $1) })
        #expect(dot / norms.squareRoot() > 0.99, "cosine of integer and float outputs")
    }
}
