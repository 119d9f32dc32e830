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

    /// Schedules `program` on `config`. Throws the timeline's `AcceleratorError` for a stream that
    /// deadlocks, names a missing neighbour or lacks a final `END`.
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
    }

    /// Runs the program on `input`, the stored (quantized) input values in row-major order.
    public func run(input: [Int32]) throws -> AcceleratorRun {
        try run(input: input) { _, _ in }
    }

    /// As `run(input:)`, calling `observe` with each layer (in table order) and its stored output,
    /// row-major, as soon as it and every earlier layer have run. The output is read from the layer's
    /// `dramOutput`, else from its `sramOutput`; a layer with neither is not observed.
    public func run(input: [Int32], observe: (ProgramLayer, [Int32]) throws -> Void) throws -> AcceleratorRun {
        var state = try AcceleratorState(program: program, config: config)
        try state.write(input, to: program.input)
        var nextLayer = 0
        func observeLayers(through place: Int) throws {
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
        return try finish(state)
    }

    /// The outputs, counters (with the timeline's stalls) and energy of a finished run.
    private func finish(_ state: AcceleratorState) throws -> AcceleratorRun {
        var layerCounters = state.layerCounters
        var unlisted = state.unlistedCounters
        for (index, instruction) in program.instructions.enumerated() {
            guard let unit = instruction.unit else { continue }
            let event = timeline.events[index]
            if layerCounters.indices.contains(instruction.layer) {
                layerCounters[instruction.layer].recordStall(unit: unit, queue: event.stallQueue, cycles: event.stall)
            } else {
                unlisted.recordStall(unit: unit, queue: event.stallQueue, cycles: event.stall)
            }
        }
        var counters = unlisted
        for layer in layerCounters { counters.add(layer) }
        let layerCycles = self.layerCycles()
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

    /// Cycles each layer adds to the latest end of the layers before it.
    private func layerCycles() -> [Int] {
        var latest = 0
        return program.layers.map { layer in
            let end = layer.instructions.clamped(to: timeline.events.indices).map { timeline.events[$0].end }.max() ?? latest
            defer { latest = max(latest, end) }
            return max(0, end - latest)
        }
    }
}
