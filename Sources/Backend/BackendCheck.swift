import Accelerator
import Foundation
import IR
import Quantization

/// The backend's rules for a target applied to a quantized graph: every layer the accelerator
/// cannot run, all at once, then — when every layer classifies and `wholePipeline` is set — the
/// whole backend pipeline, so that whatever `vggc compile` would refuse later (a buffer too small
/// for the smallest tile, a field too narrow) is found by the same code.
public enum BackendCheck {
    /// The problems of `graph` on `config`, in layer order.
    public static func problems(in graph: QuantizedGraph, config: HardwareConfig, wholePipeline: Bool = true) -> [CapabilityProblem] {
        let operators = Dictionary(graph.layers.map { ($0.name, $0.op.operatorName) }) { first, _ in first }
        var dims: [String: [Int]] = [graph.input.name: graph.input.dims]
        var problems: [CapabilityProblem] = []
        let slices = ChannelSlices(graph: graph), shuffles = ChannelShuffles(graph: graph)
        for layer in graph.layers {
            do {
                _ = try LayerClassifier.work(of: layer, operandDims: layer.inputs.map { dims[$0] ?? [] }, slices: slices,
                                             shuffles: shuffles, mode: graph.arithmetic, target: config)
            } catch {
                problems.append(problem(error, operators: operators))
            }
            dims[layer.output] = layer.dims
        }
        guard problems.isEmpty, wholePipeline else { return problems }
        do {
            _ = try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: false)
        } catch {
            problems.append(problem(error, operators: operators))
        }
        return problems
    }

    /// The accumulator rule of a convolution or fully-connected `layer` whose weights are known by
    /// each output channel's sum of magnitudes (`QuantizationCheck.weightMagnitudes`), stated as
    /// `problems(in:config:wholePipeline:)` states it for the weights themselves.
    public static func accumulatorProblem(of layer: QuantizedLayer, channelMagnitudes: [Int64], mode: ArithmeticMode) -> CapabilityProblem? {
        do {
            try LayerClassifier.requireExactAccumulator(layer, channelMagnitudes: channelMagnitudes, mode: mode)
            return nil
        } catch {
            return problem(error, operators: [layer.name: layer.op.operatorName])
        }
    }

    /// The problem an error of the backend states, attributed to the layer it names (`operators`
    /// gives each layer's operator); other errors concern the program as a whole.
    static func problem(_ error: any Error, operators: [String: String]) -> CapabilityProblem {
        switch error {
        case BackendError.unsupportedLayer(let layer, let op, let reason):
            return CapabilityProblem(stage: .backend, node: layer, op: op, reason: reason)
        case BackendError.layerDoesNotFit(let layer, let target, let reason):
            return CapabilityProblem(stage: .backend, node: layer, op: operators[layer] ?? "",
                                     reason: "does not fit target '\(target)': \(reason)")
        default:
            return CapabilityProblem(stage: .backend, node: "", op: "<program>", error: error)
        }
    }
}
