/// The ordered graph passes between import and quantization. Each stage is named (`import` for the
/// graph as imported, then each pass's name) for `--dump-ir=STAGE` and `--stop-after STAGE`.
///
/// Shape inference re-types the graph after every pass, so each pass sees a fully typed graph.
public struct PassPipeline: Sendable {
    /// Name of the stage before any pass runs.
    public static let importStage = "import"
    /// Why the graph is shown before any pass.
    public static let importReason = "The graph as imported, typed by shape inference and verified: what every pass starts from."

    /// A pass and the reason for its place in the pipeline.
    public typealias Step = PipelineStep<any GraphPass>

    /// The passes in order, each with its reason.
    public let steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// A pipeline of `passes` whose order needs no stated reason (tests, experiments).
    public init(passes: [any GraphPass]) {
        steps = passes.map { Step($0, reason: "") }
    }

    /// The passes in order.
    public var passes: [any GraphPass] { steps.map(\.pass) }

    /// The standard pipeline with IR's evaluator: constant matrix products are not folded.
    public static var standard: PassPipeline { standard(evaluator: Evaluator()) }

    /// The standard pipeline, constant folding with `evaluator`, in this order (each step says why):
    public static func standard(evaluator: any NodeEvaluating) -> PassPipeline {
        PassPipeline(steps: [
            Step(ConstantFolding(evaluator: evaluator), reason: """
                Evaluates every node whose inputs are all constant (Shape→Gather→Concat chains, \
                Constant-built weights). First, so that the later passes see Reshape shapes and weights \
                as initializers, which is what they match on.
                """),
            Step(RemoveIdentityOps(), reason: """
                Drops Identity and inference Dropout. Before the fusing passes, so that a conv, its \
                BatchNormalization and its ReLU become direct neighbours.
                """),
            Step(DeadCodeElimination(), reason: """
                Drops what folding and identity removal left unread (shape subgraphs, Dropout ratios, \
                replaced constants). Before the fusing passes, whose "only reader" tests would otherwise \
                see dead readers.
                """),
            Step(NormalizeReshape(), reason: """
                Canonicalizes Reshape/Flatten chains. Before form-fc, so that the classifier's input is \
                one canonical flatten whatever the exporter wrote.
                """),
            Step(FormChannelShuffle(), reason: """
                ShuffleNet's Reshape→Transpose→Reshape becomes one channel shuffle. After normalize-reshape \
                and constant folding, which leave the reshape targets as constants.
                """),
            Step(FormFullyConnected(), reason: """
                Gemm and MatMul+Add with constant weights become fully-connected layers. Before \
                fold-batchnorm, which folds into fully-connected layers (BatchNorm1d after Linear).
                """),
            Step(FormSwish(), reason: """
                Mul(x, Sigmoid(x)) becomes one Swish (SiLU). Before affine-to-batchnorm, so that the Mul is \
                not mistaken for anything else, and so the quantizer makes one lookup table of it.
                """),
            Step(AffineToBatchNormalization(), reason: """
                Mul/Add/Sub/Div of an activation by a per-channel constant becomes a BatchNormalization. \
                Before fold-batchnorm, which then folds it into the layer before it where it can.
                """),
            Step(FoldBatchNormalization(), reason: """
                Folds BatchNormalization into the preceding conv or fully-connected layer. Before \
                fuse-activation, since a BN between a layer and its ReLU blocks the fusion and a layer \
                with a fused activation can no longer absorb a BN.
                """),
            Step(BatchNormalizationToConv(), reason: """
                A BatchNormalization fold-batchnorm could not fold (after a Concat, or an affine after no \
                layer) becomes a depthwise 1×1 convolution. Before fuse-activation, so its ReLU fuses.
                """),
            Step(FuseActivation(), reason: """
                Fuses ReLU/Clip into conv and fully-connected layers. Last: it needs the layers in their \
                final form, and it is what the accelerator's post-processing stage executes.
                """),
        ])
    }

    /// `import`, then every pass in order, each with its reason.
    public var stages: [PipelineStage] {
        [PipelineStage(name: Self.importStage, reason: Self.importReason)]
            + steps.map { PipelineStage(name: $0.pass.name, reason: $0.reason) }
    }

    /// `import`, then every pass name in order.
    public var stageNames: [String] { stages.map(\.name) }

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
