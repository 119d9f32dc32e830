/// The ordered graph passes between import and quantization. Each stage is named (`import` for the
/// graph as imported, then each pass's name) for `--dump-ir=STAGE` and `--stop-after STAGE`.
///
/// Shape inference re-types the graph after every pass, so each pass sees a fully typed graph.
public struct PassPipeline: Sendable {
    /// Name of the stage before any pass runs.
    public static let importStage = "import"

    public let passes: [any GraphPass]

    public init(passes: [any GraphPass]) {
        self.passes = passes
    }

    /// The standard pipeline with IR's evaluator: constant matrix products are not folded.
    public static var standard: PassPipeline { standard(evaluator: Evaluator()) }

    /// The standard pipeline, constant folding with `evaluator`, in this order:
    public static func standard(evaluator: any NodeEvaluating) -> PassPipeline {
        PassPipeline(passes: [
            // Evaluates every node whose inputs are all constant (Shape→Gather→Concat chains,
            // Constant-built weights). First, so that the later passes see Reshape shapes and
            // weights as initializers, which is what they match on.
            ConstantFolding(evaluator: evaluator),
            // Drops Identity and inference Dropout. Before the fusing passes, so that a conv, its
            // BatchNormalization and its ReLU become direct neighbours.
            RemoveIdentityOps(),
            // Drops what folding and identity removal left unread (shape subgraphs, Dropout ratios,
            // replaced constants). Before the fusing passes, whose "only reader" tests would
            // otherwise see dead readers.
            DeadCodeElimination(),
            // Canonicalizes Reshape/Flatten chains. Before form-fc, so that the classifier's input
            // is one canonical flatten whatever the exporter wrote.
            NormalizeReshape(),
            // Gemm and MatMul+Add with constant weights become fully-connected layers. Before
            // fold-batchnorm, which folds into fully-connected layers (BatchNorm1d after Linear).
            FormFullyConnected(),
            // Folds BatchNormalization into the preceding conv or fully-connected layer. Before
            // fuse-activation, since a BN between a layer and its ReLU blocks the fusion and a
            // layer with a fused activation can no longer absorb a BN.
            FoldBatchNormalization(),
            // Fuses ReLU/Clip into conv and fully-connected layers. Last: it needs the layers in
            // their final form, and it is what the accelerator's post-processing stage executes.
            FuseActivation(),
        ])
    }

    /// `import`, then every pass name in order.
    public var stageNames: [String] { [Self.importStage] + passes.map(\.name) }

    /// Runs the pipeline on an imported graph: shape inference first and after every pass, the
    /// verifier after every stage when `verify` is set (its errors come back as
    /// `IRError.verificationFailed` naming the stage), and `observe(stage, graph)` after every stage.
    /// Stops after the stage `stopAfter` when given; an unknown stage name throws
    /// `IRError.unknownStage` before anything runs.
    public func run(_ graph: Graph, verify: Bool, stopAfter: String? = nil,
                    observe: (String, Graph) throws -> Void) throws -> Graph {
        if let stopAfter, !stageNames.contains(stopAfter) {
            throw IRError.unknownStage(stopAfter, available: stageNames)
        }
        var current = try finishStage(Self.importStage, graph, verify: verify, observe: observe)
        if stopAfter == Self.importStage { return current }
        for pass in passes {
            current = try finishStage(pass.name, pass.run(current), verify: verify, observe: observe)
            if stopAfter == pass.name { break }
        }
        return current
    }

    private func finishStage(_ stage: String, _ graph: Graph, verify: Bool,
                             observe: (String, Graph) throws -> Void) throws -> Graph {
        let typed = try ShapeInference.infer(graph)
        if verify {
            do {
                try Verifier.verify(typed)
            } catch let error as IRError {
                throw IRError.verificationFailed(pass: stage, detail: error.errorDescription ?? "\(error)")
            }
        }
        try observe(stage, typed)
        return typed
    }
}
