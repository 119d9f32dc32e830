import Accelerator
import Backend
import Quantization
import Resources
import Runtime

/// Compiles one quantized graph for config after config with the real backend
/// (`BackendPipeline.standard(reusing:constants:)`, which decides exactly what `vggc compile`
/// decides) and times each program on the pipeline timeline. No image is needed: the stream and its
/// timing depend on shapes only. Energy is `EnergyReport` of the counters the stream's instructions
/// imply (`ExecutionCounters.record`), as `vggc run --stats` counts them.
struct ConfigEvaluator: Sendable {
    /// The graph classified once, nothing decided (`ScheduledProgram.retargeted(to:)` per config).
    let unscheduled: ScheduledProgram
    let constants: ConstantImage

    /// Classifies the graph and builds its constants image once; `probe` is any config the graph
    /// runs on, with the features of the configs to come.
    init(graph: QuantizedGraph, probe: HardwareConfig) throws {
        unscheduled = try ScheduledProgram(graph: graph, config: probe)
        constants = try ConstantImage(program: unscheduled)
    }

    /// The scheduled program for `config`, its tile search drawing on `memo`; `nil` when a layer
    /// does not fit the config's buffers. Other backend errors are thrown as
    /// `ExplorationError.configFailed`.
    func schedule(_ config: HardwareConfig, memo: BackendMemo) throws -> ScheduledProgram? {
        do {
            let program = try unscheduled.retargeted(to: config)
            return try BackendPipeline.standard(reusing: memo, constants: constants).run(program, verify: false)
        } catch BackendError.layerDoesNotFit {
            return nil
        } catch {
            throw ExplorationError.configFailed(config: config.name, reason: "\(error)")
        }
    }

    /// The point of `config` with `resources`, or `nil` when a layer does not fit.
    func evaluate(_ config: HardwareConfig, resources: ResourceEstimate, memo: BackendMemo) throws -> DesignPoint? {
        guard let program = try schedule(config, memo: memo) else { return nil }
        var counters = ExecutionCounters()
        for instruction in try program.instructions.value { counters.record(instruction) }
        let cycles = try program.totalCycles.value
        let energy = EnergyReport(counters: counters, cycles: cycles, config: config)
        return DesignPoint(config: config, cycles: cycles, energyUJ: energy.totalPJ / 1e6, dsp: resources.dsp,
                           bram36: resources.bram36, lut: resources.lut)
    }
}
