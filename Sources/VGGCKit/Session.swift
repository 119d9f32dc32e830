import Foundation
import IR
import Accelerator
import Quantization
import Runtime

/// A compiled model ready to run, the way a host would use the accelerator: decode and preprocess
/// an image with the model's stored preprocessing, quantize it with the graph input's parameters,
/// run the program on the accelerator model, read back and dequantize the outputs, rank them with
/// the model's labels. The integer reference (`IntegerInterpreter`) runs the same model for checks.
public struct Session: Sendable {
    /// The compiled model: metadata, quantized graph, config and program.
    public let model: CompiledModel
    /// The program scheduled on the model's hardware config.
    public let accelerator: AcceleratorModel

    /// Schedules the model's program on its config.
    public init(model: CompiledModel) throws {
        self.model = model
        accelerator = try AcceleratorModel(program: model.program, config: model.config)
    }

    /// Loads and validates the `.bin` at `url`, then schedules its program.
    public init(modelAt url: URL) throws {
        try self.init(model: try CompiledModel.load(url))
    }

    /// The image at `url`, decoded and preprocessed as stored with the model (float, `[1, C, H, W]`).
    public func preprocess(imageAt url: URL) throws -> Tensor {
        try model.metadata.preprocessing.loadTensor(imageAt: url)
    }

    /// `input` quantized with the graph input's parameters, as the host writes it.
    public func quantize(_ input: Tensor) throws -> [Int32] {
        try model.graph.quantizeInput(input)
    }

    /// Runs the stored input; `observe` gets each layer's stored output (see `AcceleratorModel.run(input:observe:)`).
    public func run(stored: [Int32], observe: (ProgramLayer, [Int32]) throws -> Void = { _, _ in }) throws -> Inference {
        let run = try accelerator.run(input: stored, observe: observe)
        return Inference(run: run, outputs: zip(model.graph.outputs, run.outputs).map { HostOutput(output: $0, stored: $1) })
    }

    /// Preprocesses, quantizes and runs the image at `url`.
    public func run(imageAt url: URL) throws -> Inference {
        try run(stored: try quantize(try preprocess(imageAt: url)))
    }

    /// The `count` best classes of every output, with the model's labels.
    public func rank(_ inference: Inference, top count: Int) -> [RankedOutput] {
        inference.outputs.map { output in
            RankedOutput(output: output.name, scoreKind: output.scoreKind, top: output.top(count).enumerated().map { rank, index in
                Prediction(rank: rank + 1, classIndex: index, label: label(index), score: output.scores[index])
            })
        }
    }

    /// The class name stored with the model, else the index.
    public func label(_ index: Int) -> String {
        model.metadata.labels.indices.contains(index) ? model.metadata.labels[index] : String(index)
    }

    /// What each layer and the whole run spent, against the model's program and config.
    public func statistics(of run: AcceleratorRun) -> LayerStatistics {
        LayerStatistics(program: model.program, config: model.config, run: run, graph: model.graph)
    }

    /// The integer reference of the model: what the accelerator must compute, bit for bit.
    public var integerReference: IntegerInterpreter {
        IntegerInterpreter(graph: model.graph)
    }

    /// The first graph output whose stored values differ from what `reference` (the model's integer
    /// reference) computes for `input`; `nil` when every output is equal.
    public func firstDifference(_ inference: Inference, input: Tensor, reference: IntegerInterpreter) throws -> String? {
        let expected = try reference.runStored(input)
        return zip(model.graph.outputs, inference.outputs).first { output, actual in
            expected[output.name]?.int64s.map { Int32($0) } != actual.stored
        }?.0.name
    }
}
