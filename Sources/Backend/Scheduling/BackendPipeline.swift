import IR

/// The backend's passes, in order, from a quantized graph to an instruction stream.
public struct BackendPipeline: Sendable {
    /// A pass and the reason for its place in the pipeline.
    public typealias Step = PipelineStep<any BackendPass>

    /// The passes in order, each with its reason.
    public var steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// A pipeline of `passes` whose order needs no stated reason (tests, experiments).
    public init(passes: [any BackendPass]) {
        steps = passes.map { Step($0, reason: "") }
    }

    /// The standard pipeline: one pass per `BackendStage`, in order.
    public static let standard = standard(memo: nil, constants: nil)

    /// The standard pipeline for one graph compiled for many configs (a design-space sweep): the
    /// tile search picks from `memo`'s tables, `place-dram` takes the graph's constants image as
    /// built once, and the check encodes each distinct instruction once. It decides exactly what
    /// `standard` decides.
    public static func standard(reusing memo: BackendMemo, constants: ConstantImage) -> BackendPipeline {
        standard(memo: memo, constants: constants)
    }

    private static func standard(memo: BackendMemo?, constants: ConstantImage?) -> BackendPipeline {
        BackendPipeline(steps: [
            Step(ResidencyPass(memo: memo), reason: "Decide first which values stay on chip: it changes every later layer's SRAM budget."),
            Step(TilingPass(memo: memo), reason: "Choose each layer's tiles and loop order under the budgets residency left."),
            Step(DRAMLayoutPass(constants: constants),
                 reason: "Lay out weights, parameter records and tables as the loads read them, then activations."),
            Step(SRAMAllocationPass(), reason: "Give every slot and every on-chip value an SRAM address."),
            Step(LoweringPass(), reason: "Emit loads, GEMMs, post-processing and stores with the double-buffering token protocol."),
            Step(StreamCheckPass(memo: memo), reason: "Refuse streams that deadlock or reach outside a buffer; time the stream per layer."),
        ])
    }

    /// The stages in order, each with its reason.
    public var stages: [PipelineStage] { steps.map { PipelineStage(name: $0.pass.name, reason: $0.reason) } }

    /// The passes in order.
    public var passes: [any BackendPass] { steps.map(\.pass) }

    /// The stage names, in order.
    public var stageNames: [String] { passes.map(\.name) }

    /// Runs the passes whose stage `program` has not completed yet, as `run` does: the rest of a
    /// run stopped early.
    public func resume(_ program: ScheduledProgram, verify: Bool) throws -> ScheduledProgram {
        var program = program
        for pass in passes where !program.completedStages.contains(pass.stage) {
            try pass.run(&program)
            program.completedStages.append(pass.stage)
            if verify { try ScheduledProgramVerifier.verify(program) }
        }
        return program
    }

    /// Runs the passes on `program`, recording each stage as completed, checking the program with
    /// `ScheduledProgramVerifier` after every stage when `verify` is set, and calling `after` with
    /// each stage's result; stops after `stopAfter` when given.
    public func run(_ program: ScheduledProgram, verify: Bool, stopAfter: String? = nil,
                    after: (String, ScheduledProgram) throws -> Void = { _, _ in }) throws -> ScheduledProgram {
        var program = program
        for pass in passes {
            try pass.run(&program)
            program.completedStages.append(pass.stage)
            if verify { try ScheduledProgramVerifier.verify(program) }
            try after(pass.name, program)
            if pass.name == stopAfter { break }
        }
        return program
    }
}
