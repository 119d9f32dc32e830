import Accelerator
import Backend
import Quantization
import Resources
import Runtime

/// Compiles one quantized graph for config after config with the real backend
/// (`BackendPipeline.standard(reusing:constants:)`, which decides exactly what `vggc compile`
/// decides) and times each program on the pipeline timeline. No image is needed: the stream and its
/// timing depend on shapes only, and configs with the same tilings and residences on one array
/// (`TimingShape`) share one lowering and timing. Energy is `EnergyReport` of the counters the stream's instructions
/// imply (`ExecutionCounters.record`), as `vggc run --stats` counts them.
struct ConfigEvaluator: Sendable {
    /// The graph classified once, nothing decided (`ScheduledProgram.retargeted(to:)` per config).
    let unscheduled: ScheduledProgram
    let constants: ConstantImage
    /// MACs of the graph's convolution layers (not its fully-connected ones).
    let convMACs: Int
    /// The last convolution layer's index; `nil` without convolutions.
    let lastConv: Int?

    /// Classifies the graph and builds its constants image once; `probe` is any config the graph
    /// runs on, with the features of the configs to come.
    init(graph: QuantizedGraph, probe: HardwareConfig) throws {
        let program = try ScheduledProgram(graph: graph, config: probe)
        unscheduled = program
        constants = try ConstantImage(program: program)
        let convolutions = program.layers.indices.filter { Self.isConvolution(program.layers[$0].layer.op) }
        convMACs = convolutions.reduce(0) { $0 + program.layers[$1].macs }
        lastConv = convolutions.last
    }

    /// Whether `op` is a convolution (a fully-connected layer is not).
    private static func isConvolution(_ op: QuantizedOp) -> Bool {
        if case .conv = op { return true }
        return false
    }

    /// The work bound of the graph on `config`, its layers classified for it (docs/EXPLORE.md, "Pruning").
    func workBound(on config: HardwareConfig) throws -> WorkBound {
        WorkBound(program: try unscheduled.retargeted(to: config))
    }

    /// The modeled cycles and counts of the programs of one `TimingShape`.
    struct Timing: Sendable {
        var cycles: Int
        /// Cycles until every instruction of the layers up to the last convolution has ended.
        var convCycles: Int
        var counters: ExecutionCounters
    }

    /// The point of `config` with `resources`, or `nil` when a layer does not fit. The tile search
    /// draws on `memo`; a config whose tilings and residences (its `TimingShape`) are in `timings`
    /// is not lowered again, and a new shape's timing is added there. Backend errors other than a
    /// layer not fitting are thrown as `ExplorationError.configFailed`.
    func evaluate(_ config: HardwareConfig, resources: ResourceEstimate, memo: BackendMemo,
                  timings: inout [TimingShape: Timing]) throws -> DesignPoint? {
        let pipeline = BackendPipeline.standard(reusing: memo, constants: constants)
        let allocated = try compiling(config) {
            try pipeline.run(try unscheduled.retargeted(to: config), verify: false, stopAfter: BackendStage.allocate.rawValue)
        }
        guard let allocated else { return nil }
        let shape = try allocated.timingShape
        if timings[shape] == nil {
            guard let program = try compiling(config, { try pipeline.resume(allocated, verify: false) }) else { return nil }
            var counters = ExecutionCounters()
            for instruction in try program.instructions.value { counters.record(instruction) }
            let convCycles = try lastConv.map { last in try program.layers[...last].reduce(0) { $0 + (try $1.modeledCycles.value) } } ?? 0
            timings[shape] = Timing(cycles: try program.totalCycles.value, convCycles: convCycles, counters: counters)
        }
        guard let timing = timings[shape] else { return nil }
        let energy = EnergyReport(counters: timing.counters, cycles: timing.cycles, config: config)
        let convGOPS = timing.convCycles > 0 ? 2 * Double(convMACs) * config.clockMHz / Double(timing.convCycles) / 1e3 : 0
        return DesignPoint(config: config, cycles: timing.cycles, energyUJ: energy.totalPJ / 1e6, convGOPS: convGOPS, dsp: resources.dsp,
                           bram36: resources.bram36, lut: resources.lut)
    }

    /// `body`'s program; `nil` when a layer does not fit `config`.
    private func compiling(_ config: HardwareConfig, _ body: () throws -> ScheduledProgram) throws -> ScheduledProgram? {
        do { return try body() } catch BackendError.layerDoesNotFit {
            return nil
        } catch {
            throw ExplorationError.configFailed(config: config.name, reason: "\(error)")
        }
    }
}
