import Accelerator
import Backend
import Foundation
import Frontend
import IR
import Quantization
import Reference

/// What the accelerator can run, decided once for `vggc check` and `vggc compile`: the model's
/// unsupported ONNX features, then the graph passes, the quantizer's rules and the backend's rules
/// for the target, without calibrating. Every problem is listed at once, each with its node, op and
/// reason; `problems` is empty exactly when `vggc compile -o` succeeds with the same target and
/// quantization options.
public struct CapabilityCheck: Sendable {
    /// The problems, in pipeline order and, within a stage, in model order.
    public private(set) var problems: [CapabilityProblem] = []

    /// True when the model compiles for the target.
    public var isSupported: Bool { problems.isEmpty }

    /// Checks `model` for `config` with `options` (whose arithmetic the caller takes from the target
    /// unless the user chose another). Throws for a model that is malformed rather than unsupported.
    public init(model: ONNXModelFile, config: HardwareConfig, options: QuantizationOptions) throws {
        let report = model.supportReport()
        guard report.isSupported else {
            problems = report.issues.map { CapabilityProblem(stage: .import, node: $0.node, op: $0.opType, reason: $0.reason) }
            return
        }
        let imported = try model.importGraph()
        let canonical: Graph
        do {
            canonical = try Self.pipeline.run(imported, verify: true) { _, _ in }
        } catch {
            problems = [CapabilityProblem(stage: .canonicalize, node: "", op: "<model>", reason: Self.reason(error))]
            return
        }
        guard let quantized = quantizationProblems(imported: imported, canonical: canonical, options: options) else { return }
        problems = BackendCheck.problems(in: quantized, config: config)
    }

    /// The graph pass pipeline `vggc compile` runs.
    public static let pipeline = PassPipeline.standard

    /// Records the quantizer's problems; the (placeholder-)quantized graph when there are none.
    private mutating func quantizationProblems(imported: Graph, canonical: Graph, options: QuantizationOptions) -> QuantizedGraph? {
        guard QDQQuantizer.isQuantized(imported) else {
            let check = QuantizationCheck(canonical: canonical, options: options)
            problems = check.problems
            return check.graph
        }
        do {
            return try QDQQuantizer.quantize(imported: imported, options: options)
        } catch {
            problems = [CapabilityProblem(stage: .quantize, node: "", op: "<model>", reason: Self.reason(error))]
            return nil
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
    }
}
