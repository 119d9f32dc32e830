import Foundation
import Accelerator
import Frontend
import IR
import Quantization
import Runtime
import Testing
import TestSupport
import VGGCKit

/// `QDQExporter` against ONNX Runtime: the shipped LeNet (de1soc, default and pow2-weights
/// arithmetic) and VGG16 (zc706) compiled with image calibration, exported, and run by ONNX Runtime (CPU, graph
/// optimizations off, `Scripts/run_qdq_export.py`) on every shipped MNIST test image, preprocessed
/// by vggc as the `.bin` says. vggc's side is the accelerator model's stored output.
///
/// Differences come from requantization only: ONNX Runtime computes each convolution, pooling
/// and sum in float and rounds `x / s_out` half to even, vggc applies a 31-bit fixed-point
/// multiplier to the exact integer sum and rounds half up, so a value near a rounding tie may come
/// out 1 LSB apart, and later layers carry it on. Lookup tables (LeNet's sigmoids), clamps and
/// layout layers are exact in the export (Gather, Clip, Reshape on the int8 values), but a table
/// magnifies a difference at its input by its steepest step.
@Suite("QDQ export against ONNX Runtime", .serialized)
struct QDQExporterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var model: String
        var target: String
        var arithmetic: ArithmeticMode?
        var resize: Preprocessing.Resize?
        var testDescription: String { "\(model) on \(target), \(arithmetic?.rawValue ?? "the target's arithmetic")" }
    }

    static let cases = [
        Case(model: "models/lenet_de1soc.onnx", target: "de1soc", arithmetic: .standard, resize: nil),
        Case(model: "models/lenet_de1soc.onnx", target: "de1soc", arithmetic: .pow2Weights, resize: nil),
        Case(model: "models/vgg16_mnist.onnx", target: "zc706", arithmetic: nil, resize: .zeroPad),
    ]
    static let minimumAgreement = 0.999
    /// The accepted difference before a final lookup table, or at the output without one: the
    /// measured 1 LSB with a margin of one, as in QDQComparisonTests.
    static let acceptedInputLSB = 2

    @Test(arguments: cases)
    func onnxRuntimeAgreesOnTheShippedTestImages(_ testCase: Case) throws {
        let model = try Self.compile(testCase)
        let folder = try KitFixtures.directory("qdq-export")
        let onnx = folder.appendingPathComponent("model.qdq.onnx")
        #expect(try QDQExporter.write(model.graph, to: onnx) > 0)
        let output = try #require(model.graph.outputs.first)
        let (inputs, ours) = try Self.runVGGC(model)
        let inputsFile = folder.appendingPathComponent("inputs.npy"), outputsFile = folder.appendingPathComponent("outputs.npy")
        try NPYFile.save(inputs, to: inputsFile)
        try GeneratedFiles.runScript("run_qdq_export.py", arguments: [onnx.path, inputsFile.path, outputsFile.path,
                                                                       QDQExporter.dequantizedName(output.value)])
        let theirs = try NPYFile.load(outputsFile).floats
        let classes = output.dims.reduce(1, *)
        #expect(theirs.count == ours.count * classes)
        var largestLSB = 0, agreements = 0
        for (image, stored) in ours.enumerated() {
            let levels = theirs[(image * classes)..<((image + 1) * classes)].map { Int(($0 / output.params.scale).rounded()) }
            largestLSB = max(largestLSB, zip(levels, stored).map { abs($0 - Int($1 - output.params.zeroPoint)) }.max() ?? 0)
            if Self.argmax(levels) == Self.argmax(stored.map(Int.init)) { agreements += 1 }
        }
        let agreement = Double(agreements) / Double(ours.count)
        print("export-qdq \(testCase.testDescription): \(ours.count) images, top-1 agreement \(agreement), "
              + "largest output difference \(largestLSB) LSB")
        #expect(agreement >= Self.minimumAgreement, "top-1 agreement with ONNX Runtime \(agreement)")
        let accepted = Self.acceptedOutputLSB(model.graph, output: output)
        #expect(largestLSB <= accepted, "outputs differ by \(largestLSB) LSB (accepted: \(accepted))")
    }

    /// `acceptedInputLSB` carried through the final lookup table when the output comes from one:
    /// the table's largest rise over that many input steps.
    static func acceptedOutputLSB(_ graph: QuantizedGraph, output: QuantizedOutput) -> Int {
        guard let last = graph.layers.last(where: { $0.output == output.value }), case .lookupTable(let table) = last.op else {
            return acceptedInputLSB
        }
        let entries = table.map(Int.init)
        return entries.indices.dropLast(acceptedInputLSB).map { abs(entries[$0 + acceptedInputLSB] - entries[$0]) }.max() ?? 0
    }

    /// Arithmetic that QuantizeLinear/DequantizeLinear cannot express is refused naming the first
    /// layer that needs it (LeNet compiled data-free in each mode).
    @Test(arguments: [(ArithmeticMode.vgg16CU, "it requantizes with the VGG16 CU's 16-bit scale, rounding down"),
                      (.dynamicFixedPoint, "it requantizes by a power-of-two shift (dynamic-fixed-point), not a scale"),
                      (.de1socQ10, "arithmetic de1soc-q10 stores i32 values, beyond QuantizeLinear's int8")])
    func refusesArithmeticWithoutAQDQForm(arithmetic: ArithmeticMode, reason: String) throws {
        let options = CompileOptions(target: try HardwareConfig.load(target: "de1soc"), arithmetic: arithmetic)
        let model = try #require(try Compiler(options: options).compile(modelAt: KitFixtures.lenet).model)
        #expect(throws: VGGCKitError.notExpressibleAsQDQ(layer: "/features/features.0/Conv", reason: reason)) {
            try QDQExporter.onnx(of: model.graph)
        }
    }

    /// The model compiled as the case says, calibrated on 40 images.
    static func compile(_ testCase: Case) throws -> CompiledModel {
        let options = CompileOptions(target: try HardwareConfig.load(target: testCase.target),
                                     calibration: .images(directory: KitFixtures.calibImages, count: 40),
                                     arithmetic: testCase.arithmetic, preprocessing: PreprocessingChoices(resize: testCase.resize))
        let compilation = try Compiler(options: options).compile(modelAt: URL(fileURLWithPath: testCase.model, relativeTo: KitFixtures.root))
        return try #require(compilation.model)
    }

    /// Every shipped test image preprocessed (stacked on the batch axis) and the accelerator
    /// model's stored first output for each.
    static func runVGGC(_ model: CompiledModel) throws -> (inputs: Tensor, outputs: [[Int32]]) {
        let session = try Session(model: model)
        let images = try FileManager.default.contentsOfDirectory(at: KitFixtures.testImages, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "png" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var pixels: [Float] = [], outputs: [[Int32]] = []
        for image in images {
            let input = try session.preprocess(imageAt: image)
            pixels += input.floats
            outputs.append(try session.run(stored: try session.quantize(input)).run.outputs[0])
        }
        let dims = [images.count] + Array(model.graph.input.dims.dropFirst())
        return (Tensor(shape: Shape(dims), floats: pixels), outputs)
    }

    /// The first index of the largest value.
    static func argmax(_ values: [Int]) -> Int {
        values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } ?? 0
    }
}
