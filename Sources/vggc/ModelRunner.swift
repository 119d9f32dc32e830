import Foundation
import IR
import Runtime
import Accelerator

/// A compiled model ready to run images on the accelerator model, the way the host would: decode
/// and preprocess the image with the model's stored preprocessing, quantize it with the graph
/// input's parameters, run the program, read back and dequantize the outputs.
struct ModelRunner: Sendable {
    let compiled: CompiledModel
    let accelerator: AcceleratorModel

    /// Loads and validates the `.bin` at `path` and schedules its program.
    init(path: String) throws {
        compiled = try CompiledModel.load(URL(fileURLWithPath: path))
        accelerator = try AcceleratorModel(program: compiled.program, config: compiled.config)
    }

    /// The image at `url`, preprocessed (float) and quantized as the host writes it.
    func input(imageAt url: URL) throws -> (tensor: Tensor, stored: [Int32]) {
        let tensor = try compiled.metadata.preprocessing.loadTensor(imageAt: url)
        return (tensor, try compiled.graph.quantizeInput(tensor))
    }

    /// Runs the stored input; `observe` gets each layer's stored output (see `AcceleratorModel.run(input:observe:)`).
    func run(_ stored: [Int32], observe: (ProgramLayer, [Int32]) throws -> Void = { _, _ in }) throws -> Inference {
        let run = try accelerator.run(input: stored, observe: observe)
        let outputs = try zip(compiled.graph.outputs, run.outputs).map { try HostOutput(output: $0, stored: $1) }
        return Inference(run: run, outputs: outputs)
    }
}
