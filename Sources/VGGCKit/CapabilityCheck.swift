import Accelerator
import Backend
import Foundation
import Frontend
import IR
import Quantization

/// What the accelerator can run, decided once for `vggc check` and `vggc compile`: the model's
/// unsupported ONNX features, then the graph passes, the quantizer's rules and the backend's rules
/// for the target, without calibrating. Every problem is listed at once, each with its node, op and
/// reason; `problems` is empty exactly when `vggc compile -o` succeeds with the same target and
/// quantization options (`CheckAgreesWithCompileTests` holds this over every model the repository
/// ships or generates and every model of the onnx wheel's test data). `Compiler` runs the same rules
/// on its canonical graph before it calibrates.
public struct CapabilityCheck: Sendable {
    /// The problems, in pipeline order and, within a stage, in model order.
    public let problems: [CapabilityProblem]

    /// True when the model compiles for the target.
    public var isSupported: Bool { problems.isEmpty }

    /// Checks the model at `url` for `target` with `options` (whose arithmetic the caller takes from
    /// the target unless the user chose another): import, the graph passes `Compiler` runs, then the
    /// rules. Throws for a model that is malformed rather than unsupported.
    public init(modelAt url: URL, target: HardwareConfig, options: QuantizationOptions) throws {
        problems = try Self.problems(modelAt: url, target: target, options: options)
    }

    /// The quantizer's and the backend's rules on `canonical` (the graph passes' result; `qdq` the
    /// stripped pre-quantized model it came from, if any). With `wholeBackend` the backend pipeline
    /// also runs on the placeholder-quantized graph, so that a layer no tile fits is found too;
    /// `Compiler` leaves that to its own backend run.
    init(canonical: Graph, qdq: QDQGraph?, target: HardwareConfig, options: QuantizationOptions, wholeBackend: Bool) {
        problems = Self.rules(canonical: canonical, qdq: qdq, target: target, options: options, wholeBackend: wholeBackend)
    }

    private static func problems(modelAt url: URL, target: HardwareConfig, options: QuantizationOptions) throws -> [CapabilityProblem] {
        let model = try ONNXModelFile.load(url)
        let report = model.supportReport()
        guard report.isSupported else {
            return report.issues.map { CapabilityProblem(stage: .import, node: $0.node, op: $0.opType, reason: $0.reason) }
        }
        let imported = try model.importGraph()
        let qdq: QDQGraph?, canonical: Graph
        do {
            qdq = QDQQuantizer.isQuantized(imported) ? try QDQQuantizer.strip(imported: imported, options: options) : nil
            canonical = try Compiler.graphPipeline.run(qdq?.graph ?? imported, verify: true) { _, _ in }
        } catch {
            return [modelProblem(.canonicalize, error)]
        }
        return rules(canonical: canonical, qdq: qdq, target: target, options: options, wholeBackend: true)
    }

    private static func rules(canonical: Graph, qdq: QDQGraph?, target: HardwareConfig, options: QuantizationOptions,
                              wholeBackend: Bool) -> [CapabilityProblem] {
        let quantized: QuantizedGraph
        if let qdq {
            do { quantized = try QDQQuantizer.quantize(canonical: canonical, qdq: qdq) } catch { return [modelProblem(.quantize, error)] }
        } else if !wholeBackend {
            return layerRules(canonical: canonical, target: target, options: options)
        } else {
            let check = QuantizationCheck(canonical: canonical, options: options)
            guard let graph = check.graph else { return check.problems }
            quantized = graph
        }
        return BackendCheck.problems(in: quantized, config: target, wholePipeline: wholeBackend)
    }

    /// The quantizer's rules and the backend's rules for each layer, holding no int8 weights: the
    /// placeholder graph's weights have no values, and the accumulator rule reads each channel's sum
    /// of magnitudes instead. What `Compiler` checks while the float weights, which calibration
    /// needs, fill memory (VGG16's int8 copy would add a quarter to them).
    private static func layerRules(canonical: Graph, target: HardwareConfig, options: QuantizationOptions) -> [CapabilityProblem] {
        let check = QuantizationCheck(canonical: canonical, options: options, keepingWeightValues: false)
        guard let graph = check.graph else { return check.problems }
        var backendProblems = Dictionary(grouping: BackendCheck.problems(in: graph, config: target, wholePipeline: false), by: \.node)
        // In layer order, one per layer as the backend states them: the accumulator rule is a layer's last.
        let perLayer = graph.layers.flatMap { layer in
            backendProblems.removeValue(forKey: layer.name) ?? check.weightMagnitudes[layer.name].flatMap { magnitudes in
                BackendCheck.accumulatorProblem(of: layer, channelMagnitudes: magnitudes, mode: graph.arithmetic)
            }.map { [$0] } ?? []
        }
        return perLayer + backendProblems.keys.sorted().flatMap { backendProblems[$0] ?? [] }
    }

    /// A problem of the model as a whole, in the error's words.
    private static func modelProblem(_ stage: CapabilityProblem.Stage, _ error: any Error) -> CapabilityProblem {
        CapabilityProblem(stage: stage, node: "", op: "<model>", error: error)
    }
}
