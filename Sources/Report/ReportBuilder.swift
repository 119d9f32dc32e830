import Foundation
import IR
import Accelerator
import Runtime

/// Gathers a `Report`: runs a compiled model once on the accelerator model, on an image or on a
/// synthetic input, and collects the per-layer statistics, the cycle splits, the quantization
/// details and the first instructions of the timeline.
public struct ReportBuilder: Sendable {
    public var model: CompiledModel
    /// How many instructions the timeline shows.
    public var timelineLimit: Int

    public init(model: CompiledModel, timelineLimit: Int = 240) {
        self.model = model
        self.timelineLimit = timelineLimit
    }

    /// The report of one run on `input`; `accuracy` is shown as given.
    public func build(input: ReportInput, accuracy: String?) throws -> Report {
        let program = model.program
        let accelerator = try AcceleratorModel(program: program, config: model.config)
        let run = try accelerator.run(input: try storedInput(input))
        let prediction: String?
        if case .image = input { prediction = topClass(of: run) } else { prediction = nil }
        return Report(
            network: model.metadata.name, source: model.metadata.source, producer: model.metadata.producer,
            calibration: model.metadata.calibration, config: model.config, arithmetic: model.graph.arithmetic,
            input: input.description, accuracy: accuracy, prediction: prediction, instructionCount: program.instructions.count,
            constantBytes: program.constants.count, statistics: LayerStatistics(program: program, config: model.config, run: run, graph: model.graph),
            cycleSplits: LayerCycleSplit.splits(program: program, timeline: run.timeline, layerCycles: run.layerCycles),
            tilings: program.layers.map(\.tiling), energy: run.energy, quantization: LayerQuantization.layers(of: model.graph),
            timeline: SVGTimeline(program: program, timeline: run.timeline, layerCycles: run.layerCycles, limit: timelineLimit))
    }

    /// The graph input's stored values for `input`, quantized by `QuantizedGraph.quantizeInput`.
    /// Throws `IRError.badGraphInput` for an image whose preprocessed shape is not the input's.
    public func storedInput(_ input: ReportInput) throws -> [Int32] {
        let graph = model.graph
        switch input {
        case .image(let url):
            return try graph.quantizeInput(model.metadata.preprocessing.loadTensor(imageAt: url))
        case .synthetic:
            let shape = Shape(graph.input.dims)
            var generator = SeededGenerator(seed: ReportInput.syntheticSeed)
            let values = (0..<shape.elementCount).map { _ in Float(generator.next() >> 40) / Float(1 << 23) - 1 }
            return try graph.quantizeInput(Tensor(shape: shape, floats: values))
        }
    }

    /// The index of the largest stored value of the first output (the first on ties), with its label
    /// when the model has labels.
    private func topClass(of run: AcceleratorRun) -> String? {
        guard let output = run.outputs.first, let best = output.indices.max(by: { (output[$0], -$0) < (output[$1], -$1) }) else {
            return nil
        }
        let labels = model.metadata.labels
        return labels.indices.contains(best) ? "class \(best) (\(labels[best]))" : "class \(best)"
    }
}
