import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Accelerator
import Backend
import IR
import Quantization
import Reference

/// The compile driver: ONE ordered list of stages from an ONNX file to a compiled model — `import`,
/// the graph passes (`PassPipeline`), `quantize`, the backend passes (`BackendPipeline`) — run with
/// `CompileOptions`, each stage reported to an observer that can print, dump or time it.
///
/// ```swift
/// let options = CompileOptions(target: try HardwareConfig.load(target: "de1soc"))
/// let compilation = try Compiler(options: options).compile(modelAt: URL(fileURLWithPath: "models/lenet_de1soc.onnx"))
/// ```
public struct Compiler: Sendable {
    /// The version recorded as the producer of every compiled model.
    public static let version = "0.1.0"

    /// The stage between the graph passes and the backend's.
    public static let quantizeStage = PipelineStage(name: "quantize", reason: """
        Calibrates the canonical float graph (on images, or data-free) or takes a pre-quantized model's own scales, \
        and turns it into int8 layers with their requantization: what the integer reference and the accelerator compute.
        """)

    /// The graph passes. Constant folding evaluates with the float reference, so constant matrix
    /// products fold too.
    public static var graphPipeline: PassPipeline { .standard(evaluator: ReferenceEvaluator()) }

    /// The backend passes.
    public static var backendPipeline: BackendPipeline { .standard }

    /// Every stage in order, each with its reason, taken from the two pipelines.
    public static var stages: [PipelineStage] { graphPipeline.stages + [quantizeStage] + backendPipeline.stages }

    /// The stage names in order.
    public static var stageNames: [String] { stages.map(\.name) }

    /// Refuses a name that is none of `stageNames` (`VGGCKitError.unknownStage`).
    public static func checkStage(_ name: String) throws {
        guard stageNames.contains(name) else { throw VGGCKitError.unknownStage(name, available: stageNames) }
    }

    /// What every compile of this compiler uses.
    public let options: CompileOptions

    /// A compiler with `options`; they are checked when a compile starts.
    public init(options: CompileOptions) {
        self.options = options
    }

    /// Compiles the ONNX model (protobuf, external data or JSON) at `url`, up to `options.stopAfter`.
    /// `observe` hears every stage as it ends, calibration progress and notes, in order; what it
    /// throws ends the compile. Throws `VGGCKitError` for what the library checks itself (an
    /// unsupported model with its support report, options, preprocessing against the model's
    /// input); the modules' errors pass through.
    public func compile(modelAt url: URL, observe: (CompilerEvent) throws -> Void = { _ in }) throws -> Compilation {
        try options.validate()
        let front = try frontEnd(url, observe: observe)
        var compilation = Compilation(stages: front.stages, graph: front.outline, scheduled: nil, model: nil)
        let backend = Self.backendPipeline
        guard let quantized = front.quantized, options.runs(backend.stageNames[0]) else { return compilation }
        let scheduled = try backend.run(try ScheduledProgram(graph: quantized.graph, config: options.target), verify: options.verify,
                                        stopAfter: options.stop(within: backend.stageNames)) { stage, program in
            compilation.stages.append(StageSummary(name: stage, nodes: program.layers.count))
            try observe(.finished(stage: stage, result: .scheduled(program)))
        }
        compilation.scheduled = scheduled
        if options.stopAfter == nil || options.stopAfter == Self.stageNames.last {
            compilation.model = CompiledModel(metadata: quantized.metadata, graph: quantized.graph, config: scheduled.config,
                                              program: try scheduled.program)
        }
        return compilation
    }

    /// What the float stages hand to the backend. The float graphs stay inside `frontEnd` and are
    /// released before the backend runs, which keeps peak memory near the model's size.
    private struct FrontEnd {
        var stages: [StageSummary]
        var outline: GraphOutline
        var quantized: QuantizedModel?
    }

    private struct QuantizedModel {
        var graph: QuantizedGraph
        var metadata: ModelMetadata
    }

    /// Import, the graph passes and `quantize`, as far as `stopAfter` allows. A pre-quantized (QDQ)
    /// model loses its QuantizeLinear/DequantizeLinear nodes before the passes, so that the graph
    /// the passes show is the one quantized with the model's own parameters.
    private func frontEnd(_ url: URL, observe: (CompilerEvent) throws -> Void) throws -> FrontEnd {
        var stages: [StageSummary] = []
        let (canonical, qdq, importedForDataFree) = try canonicalGraph(url, stages: &stages, observe: observe)
        let outline = GraphOutline(canonical)
        guard options.runs(Self.quantizeStage.name) else { return FrontEnd(stages: stages, outline: outline) }
        try checkActivationBytes(canonical, model: url)
        // The capability rules before calibration spends any time: every problem at once.
        let capability = CapabilityCheck(canonical: canonical, qdq: qdq, target: options.target, options: options.quantization,
                                         wholeBackend: false)
        guard capability.isSupported else {
            throw VGGCKitError.unsupportedOnTarget(model: url.relativePath, target: options.target.name, problems: capability.problems)
        }
        try observe(.started(stage: Self.quantizeStage.name))
        let quantized = try quantize(consume canonical, qdq: qdq, importedForDataFree: importedForDataFree, model: url,
                                     observe: observe)
        stages.append(StageSummary(name: Self.quantizeStage.name, nodes: quantized.graph.layers.count))
        try observe(.finished(stage: Self.quantizeStage.name, result: .quantized(quantized.graph)))
        return FrontEnd(stages: stages, outline: outline, quantized: quantized)
    }

    /// Import and the graph passes (stopping where `stopAfter` says), each stage summarized into
    /// `stages`; with the canonical graph, the stripped pre-quantized model it came from, if any, and
    /// the imported graph when data-free calibration needs it. The imported graph shares its tensors
    /// with the canonical one, so it is not kept otherwise: the quantizer can then free each float
    /// weight once its int8 form exists.
    private func canonicalGraph(_ url: URL, stages: inout [StageSummary], observe: (CompilerEvent) throws -> Void) throws
        -> (graph: Graph, qdq: QDQGraph?, importedForDataFree: Graph?) {
        try observe(.started(stage: PassPipeline.importStage))
        let imported = try ModelImport.graph(at: url)
        let qdq = QDQQuantizer.isQuantized(imported) ? try QDQQuantizer.strip(imported: imported, options: options.quantization) : nil
        let pipeline = Self.graphPipeline
        let graph = try pipeline.run(qdq?.graph ?? imported, verify: options.verify,
                                     stopAfter: options.stop(within: pipeline.stageNames)) { stage, graph in
            stages.append(StageSummary(name: stage, nodes: graph.nodes.count))
            try observe(.finished(stage: stage, result: .graph(graph)))
        }
        return (graph, qdq, options.calibration.feedsImages ? nil : imported)
    }

    /// Refuses a graph whose activations (every value but the initializers, dense) exceed
    /// `options.activationByteLimit`, or whose size overflows, before anything allocates them.
    private func checkActivationBytes(_ graph: Graph, model url: URL) throws {
        var total = 0, largest = ("", 0)
        for (value, type) in graph.types.sorted(by: { $0.key < $1.key }) where graph.initializers[value] == nil {
            let count = type.shape.checkedElementCount ?? Int.max
            let (bytes, overflow) = count.multipliedReportingOverflow(by: type.elementType.byteWidth)
            let size = overflow ? Int.max : bytes
            if size > largest.1 { largest = (value, size) }
            total = total > Int.max - size ? Int.max : total + size
        }
        guard total <= options.activationByteLimit else {
            throw VGGCKitError.activationsTooLarge(model: url.relativePath, bytes: total, largest: largest.0, largestBytes: largest.1,
                                                   limit: options.activationByteLimit)
        }
    }

    /// The `quantize` stage: the model's own QDQ parameters, or calibration then `Quantizer`, which
    /// consumes the canonical graph.
    private func quantize(_ canonical: consuming Graph, qdq: QDQGraph?, importedForDataFree: Graph?, model url: URL,
                          observe: (CompilerEvent) throws -> Void) throws -> QuantizedModel {
        guard canonical.inputs.count == 1 else {
            throw VGGCKitError.inputCount(model: url.relativePath, inputs: canonical.inputs.map(\.name))
        }
        let preprocessing = try options.preprocessing.preprocessing(for: canonical.inputs[0],
                                                                    feedsImages: options.calibration.feedsImages)
        if let qdq {
            if options.calibration.feedsImages { try observe(.note(.calibrationImagesIgnored)) }
            return QuantizedModel(graph: try QDQQuantizer.quantize(canonical: canonical, qdq: qdq),
                                  metadata: metadata(canonical, model: url, preprocessing: preprocessing,
                                                     calibration: "pre-quantized (the model's QDQ scales and zero points)"))
        }
        let ranges = try activationRanges(canonical, imported: importedForDataFree, preprocessing: preprocessing, observe: observe)
        Self.returnFreedMemory()
        let metadata = metadata(canonical, model: url, preprocessing: preprocessing, calibration: ranges.description)
        return QuantizedModel(graph: try Quantizer.quantize(consume canonical, ranges: ranges.ranges, options: options.quantization,
                                                            channelMeans: ranges.channelMeans),
                              metadata: metadata)
    }

    /// Hands the memory the allocator keeps after frees back to the system. Calibration frees every
    /// activation it made, but the C allocator keeps most of them (those under its moving mmap
    /// threshold) for reuse: up to 20 MiB that would otherwise sit beside the float weights and their
    /// int8 form while `Quantizer` works.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
        // glibc's malloc_trim; malloc.h, which declares it, is not part of the Glibc module.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let trim = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(trim, to: Trim.self)(0)
        #endif
    }

    /// What the compiled model records about where it came from and how to feed it.
    private func metadata(_ canonical: Graph, model url: URL, preprocessing: Preprocessing, calibration: String) -> ModelMetadata {
        let input = canonical.inputs[0]
        return ModelMetadata(name: url.deletingPathExtension().lastPathComponent, source: url.relativePath,
                             producer: "vggc \(Self.version)", inputName: input.name, inputShape: input.type.shape.dims,
                             outputNames: canonical.outputs, preprocessing: preprocessing, labels: options.labels,
                             calibration: calibration)
    }
}
