import IR
import Quantization
import Reference

/// Collects per-tensor statistics by running the float reference over calibration inputs and turns
/// them into the ranges `Quantizer` needs: one for the graph input and one for every float node
/// output, and for each LRN the range of its channel-window sums of squares (`LRNStages.windowSums`).
public struct Calibrator: Sendable {
    public let method: CalibrationMethod
    private let interpreter: FloatInterpreter
    /// The LRN nodes reading each value.
    private let normalizations: [String: [Node]]
    private var statistics: [String: TensorStatistics] = [:]
    private var means: [String: ChannelMeans] = [:]
    /// Number of inputs observed so far.
    public private(set) var sampleCount = 0

    /// Prepares calibration of `graph` (the canonical graph the quantizer will read). The float
    /// runs transform convolution weights as they reach them rather than keeping a transformed copy
    /// of every layer: a compile holds the model's weights once while it calibrates.
    public init(graph: Graph, method: CalibrationMethod) {
        self.method = method
        interpreter = FloatInterpreter(graph: graph, cachingTransformedWeights: false)
        normalizations = Dictionary(grouping: graph.nodes.filter { if case .lrn = $0.op { true } else { false } }) { $0.inputs[0] }
    }

    /// Runs the float graph on one set of inputs (keyed by graph input name) and accumulates the
    /// statistics of the inputs and of every float value the graph computes.
    public mutating func observe(_ inputs: [String: Tensor]) throws {
        for (name, tensor) in inputs.sorted(by: { $0.key < $1.key }) { record(name, tensor) }
        _ = try interpreter.run(inputs) { node, outputs in
            for (name, tensor) in zip(node.outputs, outputs) where !name.isEmpty { record(name, tensor) }
        }
        sampleCount += 1
    }

    /// `observe(_:)` for a graph with a single input.
    public mutating func observe(_ input: Tensor) throws {
        guard interpreter.graph.inputs.count == 1, let name = interpreter.graph.inputs.first?.name else {
            throw IRError.badGraphInput(name: interpreter.graph.inputs.map(\.name).joined(separator: ", "),
                                        detail: "calibration with one tensor needs a graph with exactly one input")
        }
        try observe([name: input])
    }

    /// The calibrated range of every observed float value.
    public func ranges() -> [String: ClosedRange<Float>] {
        statistics.compactMapValues { $0.range(method) }
    }

    /// The mean of each channel (axis 1) of every observed float value of rank 2 or more, over
    /// every input and position: what `Quantizer`'s bias correction needs.
    public func channelMeans() -> [String: [Float]] {
        means.mapValues(\.means)
    }

    /// Calibrates `graph` on `inputs` (one tensor per sample, single-input graphs) with `method`.
    public static func ranges(of graph: Graph, inputs: [Tensor], method: CalibrationMethod) throws -> [String: ClosedRange<Float>] {
        var calibrator = Calibrator(graph: graph, method: method)
        for input in inputs { try calibrator.observe(input) }
        return calibrator.ranges()
    }

    private mutating func record(_ name: String, _ tensor: Tensor) {
        guard case .float32(let values) = tensor.data else { return }
        statistics[name, default: TensorStatistics(withHistogram: method.needsHistogram)].add(values)
        means[name, default: ChannelMeans()].add(values, shape: tensor.shape)
        for node in normalizations[name] ?? [] {
            guard case .lrn(let attributes) = node.op, tensor.shape.rank >= 2 else { continue }
            let sums = LRNKernel.windowSumsOfSquares(values, shape: tensor.shape, size: attributes.size)
            statistics[LRNStages.windowSums(of: node.outputs[0]), default: TensorStatistics(withHistogram: method.needsHistogram)].add(sums)
        }
    }
}
