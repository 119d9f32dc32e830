import Accelerator
import ArgumentParser
import Foundation
import VGGCKit

/// `vggc export-qdq MODEL.bin -o MODEL.qdq.onnx`: the compiled model's quantization as a QDQ ONNX
/// model for ONNX Runtime (`QDQExporter`).
struct ExportQDQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-qdq",
        abstract: "Write a compiled model's scales, zero points and int8 weights as a QDQ ONNX model that ONNX Runtime runs.",
        discussion: """
            Float operators between QuantizeLinear and DequantizeLinear with vggc's parameters; lookup tables, clamps and \
            layout layers act on the int8 values exactly. The ONNX model's input is the preprocessed float tensor (the \
            preprocessing stays in the .bin), its outputs what vggc run reports. ONNX Runtime requantizes in float where \
            vggc uses fixed-point multipliers, so values may differ by an LSB near rounding ties. Only the default and \
            pow2-weights arithmetic have this form; other models are refused naming the layer (exit 3).
            """
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The ONNX file to write.", valueName: "file"))
    var output: String

    func run() throws {
        let destination = URL(fileURLWithPath: output)
        try reportingErrors { try OutputDestination.checkWritable(destination) }
        let compiled = try reportingErrors { try CompiledModel.load(URL(fileURLWithPath: model)) }
        let bytes = try reportingErrors { try QDQExporter.write(compiled.graph, to: destination) }
        print("wrote \(output) (\(bytes) bytes; \(compiled.graph.layers.count) layers, opset \(QDQExporter.opset))")
    }
}
