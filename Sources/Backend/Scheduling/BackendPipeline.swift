/// The backend's passes, in order, from a quantized graph to an instruction stream.
public struct BackendPipeline: Sendable {
    public var passes: [any BackendPass]

    public init(passes: [any BackendPass]) {
        self.passes = passes
    }

    /// The standard pipeline: one pass per `BackendStage`, in order.
    public static let standard = BackendPipeline(passes: [
        // Decide first which values stay on chip: it changes every later layer's SRAM budget.
        ResidencyPass(),
        // Choose each layer's tiles and loop order under the budgets residency left.
        TilingPass(),
        // Lay out weights, parameter records and tables as the loads read them, then activations.
        DRAMLayoutPass(),
        // Give every slot and every on-chip value an SRAM address.
        SRAMAllocationPass(),
        // Emit loads, GEMMs, post-processing and stores with the double-buffering token protocol.
        LoweringPass(),
        // Refuse streams that deadlock or reach outside a buffer; time the stream per layer.
        StreamCheckPass(),
    ])

    /// The stage names, in order.
    public var stageNames: [String] { passes.map(\.name) }

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
