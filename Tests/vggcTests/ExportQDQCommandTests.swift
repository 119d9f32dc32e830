import Foundation
import Testing

/// `vggc export-qdq MODEL.bin -o FILE.onnx`.
@Suite struct ExportQDQCommandTests {
    /// The default-arithmetic LeNet exports; the file is an ONNX model (protobuf starting with
    /// field 1, `ir_version`, as a varint: byte 0x08).
    @Test func writesTheModel() throws {
        let model = try EvalCommandTests.compiledLeNet.get()
        let output = TestModels.directory.appendingPathComponent("lenet-\(UUID().uuidString).qdq.onnx")
        let result = try VGGCProcess.run(["export-qdq", model, "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("wrote \(output.path) ("))
        let bytes = try Data(contentsOf: output)
        #expect(bytes.first == 0x08 && bytes.count > 10_000)
    }

    /// A de1soc-q10 model is refused in one line naming the layer, exit 3, and writes nothing.
    @Test func refusesTwentyBitArithmeticInOneLine() throws {
        let model = TestModels.directory.appendingPathComponent("lenet-q10-\(UUID().uuidString).bin")
        let compile = try VGGCProcess.run(["compile", EvalCommandTests.lenet, "-o", model.path, "--target", "de1soc"])
        #expect(compile.status == 0, "\(compile.stderr)")
        let output = TestModels.directory.appendingPathComponent("q10-\(UUID().uuidString).onnx")
        let result = try VGGCProcess.run(["export-qdq", model.path, "-o", output.path])
        #expect(result.status == 3)
        #expect(result.stderr == "error: layer '/features/features.0/Conv' cannot be exported as QDQ ONNX: "
                + "arithmetic de1soc-q10 stores i32 values, beyond QuantizeLinear's int8\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func anUnwritableOutputIsRefusedBeforeLoading() throws {
        let result = try VGGCProcess.run(["export-qdq", "/nonexistent/model.bin", "-o", "/nonexistent/dir/model.onnx"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/dir/model.onnx: cannot write here"))
    }
}
