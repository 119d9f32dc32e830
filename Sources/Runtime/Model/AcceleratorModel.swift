import Accelerator


/// The accelerator model (docs/DESIGN.md, "The accelerator model"): runs an `AcceleratorProgram`
/// bit-exactly on a `HardwareConfig` and counts what the hardware would spend.
///
/// Timing comes from `PipelineTimeline`: the stream is scheduled once on the three in-order units
/// with their dependency tokens, and a stream that deadlocks is refused when the accelerator is
/// made (the timeline's `AcceleratorError` passes through unchanged: `deadlock`, `illegalDependency`,
/// `malformedStream`). Data effects are then applied instruction by instruction in order of their
/// start cycle on that timeline (ties by stream index), not in stream order: a load that the tokens
/// let start before a `GEMM` that still reads the old tile overwrites that tile first, so a missing
/// token shows up as wrong data, as it would on hardware.
///
/// Everything that does not depend on the input is done once, when the model is made: the
/// timeline, its stalls and per-layer cycles, and the packing of the constant `GEMM` weights
/// (`ConstantWeights`). A run only moves data, on a machine state that earlier runs handed back.
public struct AcceleratorModel: Sendable {
    public let program: AcceleratorProgram
    public let config: HardwareConfig
    /// When each instruction runs; the same for every input.
    public let timeline: PipelineTimeline
    /// Stream indices in the order their data effects are applied.
    private let executionOrder: [Int]
    /// For each layer, the position in `executionOrder` after which it and every earlier layer have
    /// run (−1 for leading layers without instructions).
    private let layerCompletion: [Int]
    /// The timeline's stalls, by layer-table index, and of instructions outside the table.
    private let layerStalls: [ExecutionCounters]
    private let unlistedStalls: ExecutionCounters
    /// Cycles each layer adds to the latest end of the layers before it.
    private let layerCycles: [Int]
    private let constantWeights: ConstantWeights
    private let states = AcceleratorStatePool()

    /// Schedules `program` on `config`, packs its constant weights and sets up the machine state of
    /// the first run. Throws the timeline's `AcceleratorError` for a stream that deadlocks, names a
    /// missing neighbour or lacks a final `END`, and `RuntimeError.tensorOutOfBounds` when the
    /// constants do not fit the program's DRAM.
    public init(program: AcceleratorProgram, config: HardwareConfig) throws {
        self.program = program
        self.config = config
        let timeline = try PipelineTimeline.schedule(program.instructions, timing: TimingModel(config: config),
                                                     layerNames: program.layerNames)
        self.timeline = timeline
        let order = program.instructions.indices.sorted {
            (timeline.events[$0].start, $0) < (timeline.events[$1].start, $1)
        }
        executionOrder = order
        var position = Array(repeating: 0, count: order.count)
        for (place, index) in order.enumerated() { position[index] = place }
        var completed = -1
        layerCompletion = program.layers.map { layer in
            let own = layer.instructions.clamped(to: position.indices).map { position[$0] }.max() ?? -1
            completed = max(completed, own)
            return completed
        }
        (layerStalls, unlistedStalls) = Self.stalls(program, timeline)
        layerCycles = Self.layerCycles(program, timeline)
        constantWeights = ConstantWeights(program: program, executionOrder: order, path: .fastest)
        states.give(try AcceleratorState(program: program, config: config, constantWeights: constantWeights))
    }

    /// Runs the program on `input`, the stored (quantized) input values in row-major order.
    public func run(input: [Int32]) throws -> AcceleratorRun {
        try execute(input: input, observe: nil)
    }

    /// As `run(input:)`, calling `observe` with each layer (in table order) and its stored output,
    /// row-major, as soon as it and every earlier layer have run. The output is read from the layer's
    /// `dramOutput`, else from its `sramOutput`; a layer with neither is not observed.
    public func run(input: [Int32], observe: (ProgramLayer, [Int32]) throws -> Void) throws -> AcceleratorRun {
        try withoutActuallyEscaping(observe) { try execute(input: input, observe: $0) }
    }

    /// Runs the program, observing the layers when there is an `observe`; hands the state back,
    /// fresh, when the run succeeds.
    private func execute(input: [Int32], observe: ((ProgramLayer, [Int32]) throws -> Void)?) throws -> AcceleratorRun {
        var state = try states.take() ?? AcceleratorState(program: program, config: config, constantWeights: constantWeights)
        try state.write(input, to: program.input)
        var nextLayer = 0
        func observeLayers(through place: Int) throws {
            guard let observe else { return }
            while nextLayer < program.layers.count && layerCompletion[nextLayer] <= place {
                let layer = program.layers[nextLayer]
                if let tensor = layer.dramOutput {
                    try observe(layer, try state.read(tensor))
                } else if let tensor = layer.sramOutput {
                    try observe(layer, try state.read(tensor, name: layer.name))
                }
                nextLayer += 1
            }
        }
        try observeLayers(through: -1)
        let layerNames = program.layerNames
        for (place, index) in executionOrder.enumerated() {
            let instruction = program.instructions[index]
            try state.execute(instruction, site: InstructionSite(index: index, instruction: instruction, layerNames: layerNames))
            try observeLayers(through: place)
        }
        let run = try finish(state)
        state.reset(constants: program.constants)
        states.give(state)
        return run
    }

    /// The outputs, counters (with the timeline's stalls) and energy of a finished run.
    private func finish(_ state: AcceleratorState) throws -> AcceleratorRun {
        let layerCounters = zip(state.layerCounters, layerStalls).map { counts, stalls in
            var counters = counts
            counters.add(stalls)
            return counters
        }
        var counters = state.unlistedCounters
        counters.add(unlistedStalls)
        for layer in layerCounters { counters.add(layer) }
        return AcceleratorRun(
            outputs: try program.outputs.map { try state.read($0) },
            outputNames: program.outputs.map(\.name),
            counters: counters,
            layerCounters: layerCounters,
            layerCycles: layerCycles,
            energy: EnergyReport(counters: counters, cycles: timeline.totalCycles, config: config),
            layerEnergy: zip(layerCounters, layerCycles).map { EnergyReport(counters: $0, cycles: $1, config: config) },
            totalCycles: timeline.totalCycles,
            timeline: timeline)
    }

    /// Each instruction's stall on the timeline, charged to its layer (or to the instructions
    /// outside the table).
    private static func stalls(_ program: AcceleratorProgram, _ timeline: PipelineTimeline) -> ([ExecutionCounters], ExecutionCounters) {
        var layers = Array(repeating: ExecutionCounters(), count: program.layers.count)
        var unlisted = ExecutionCounters()
        for (index, instruction) in program.instructions.enumerated() {
            guard let unit = instruction.unit else { continue }
            let event = timeline.events[index]
            if layers.indices.contains(instruction.layer) {
                layers[instruction.layer].recordStall(unit: unit, queue: event.stallQueue, cycles: event.stall)
            } else {
                unlisted.recordStall(unit: unit, queue: event.stallQueue, cycles: event.stall)
            }
        }
        return (layers, unlisted)
    }

    /// Cycles each layer adds to the latest end of the layers before it.
    private static func layerCycles(_ program: AcceleratorProgram, _ timeline: PipelineTimeline) -> [Int] {
        var latest = 0
        return program.layers.map { layer in
            let end = layer.instructions.clamped(to: timeline.events.indices).map { timeline.events[$0].end }.max() ?? latest
            defer { latest = max(latest, end) }
            return max(0, end - latest)
        }
    }
}
