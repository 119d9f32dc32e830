import Accelerator
import Backend
import Runtime

/// A lower bound on a config's cycles and energy from the graph's work on that config alone (each
/// convolution folded or not as the classifier decides for the config), before any tiling
/// (docs/EXPLORE.md, "Pruning"). A layer's instructions are one contiguous run of the stream, each
/// unit runs its instructions in stream order, and between two layers that emit instructions the
/// stream has a barrier (`LayerStream`: compute's `SYNC`, after the layer's last store, pushes the
/// token that the next layer's load-unit `SYNC` pops; only that layer's first constant loads may
/// come before it). So the run lasts at
/// least the sum over layers of the time from the barrier before a layer to the barrier after it,
/// and within that time:
///
/// - the compute unit, once the loads the layer's first step needs have ended, does the layer's
///   work: a `GEMM` of `M × C` channels, `T` window taps and `P` pixels takes at least
///   `⌈M/Po⌉·⌈C/Pi⌉·⌈T/Pk⌉·⌈P/Pp⌉` cycles however it is tiled (a sum of ceilings is at least the
///   ceiling of the sum), a folded convolution (`KernelFold`, whose reduction over its `C·T`
///   planes spreads over every lane) `⌈M/Po⌉·⌈C·T·P/(Pi·Pk·Pp)⌉` and a depthwise one
///   `⌈M/Po⌉·⌈T·P/(Pi·Pk·Pp)⌉`, plus `⌈M·P/(Po·Pp)⌉` for its `POST`s and one pipeline fill for each; `POOL`, `ALU` and
///   `ADD` layers take their taps or elements over the `Po·Pp` lanes, plus a fill. The first step
///   of an array layer loads its weights (or gate) and its parameter records, of an elementwise
///   layer with a table the table, of a folded convolution (which gathers its planes from DRAM)
///   or a layer reading the graph's input that input: one DMA each
///   (`TimingModel.dmaCycles` of one bus word at least), one after another on the load unit. After
///   another layer, the constant ones may have run before the barrier (`LayerStream`'s prefetch),
///   so only the input's counts;
/// - the load unit, after its `SYNC`, brings every constant byte of the layer (no layer loads
///   another's constants) except what its first step prefetched, at most a weight buffer of them,
///   each of those DMAs paying its setup and DRAM latency, and at least one compute instruction of
///   the layer follows the last;
/// - over the whole run the load unit moves every constant byte through its channel;
/// - a layer that writes a graph output or the input of a folded convolution stores it after its
///   last compute instruction, and the barrier after it (or the run's end) waits for that store.
///
/// Energy: every MAC; every constant byte read from DRAM, written to SRAM and read there once;
/// every output of an array layer written to and read from the accumulators once and written as
/// an element once; and static power over the bound's cycles.
struct WorkBound: Hashable, Sendable {
    /// One array layer's dimensions.
    struct Gemm: Hashable, Sendable {
        var outputChannels: Int
        var reducedChannels: Int
        var taps: Int
        var pixels: Int
        /// Whether one pass spreads the reduction over every lane (depthwise, or folded: `C` is
        /// then the folded planes and `T` 1).
        var spread: Bool
    }

    /// What one layer asks of the compute, load and store units.
    struct Layer: Hashable, Sendable {
        /// Whether the layer emits instructions (an alias emits none, and no barrier).
        var emits: Bool
        /// The layer's array work, for a convolution or fully-connected layer.
        var gemm: Gemm?
        /// Taps or elements the layer's `POOL`, `ALU` or `ADD` instructions compute at least, one
        /// per lane and cycle.
        var laneWork: Int
        var constantBytes: Int
        /// DRAM loads of constants the layer's first step makes before its first compute
        /// instruction in every schedule: weights (or gate) and parameter records, a table.
        var constantLoads: Int
        /// Whether the first step also loads an input from DRAM (a folded convolution's planes, or
        /// the graph's input).
        var readsDRAM: Bool
        /// Whether the layer stores its output in every schedule: a graph output, or the input
        /// of a folded convolution.
        var storesOutput: Bool
    }

    /// The config the bound is for.
    let config: HardwareConfig

    var layers: [Layer]
    var macs: Int
    var constantBytes: Int
    /// SRAM bytes beyond the constants' writes that every schedule moves: the constants read once,
    /// and each array layer's outputs through the accumulators (written, read by `POST`) and
    /// written as elements.
    var sramBytes: Int

    /// The bound of `program`, the graph classified for its config (`ScheduledProgram.retargeted(to:)`).
    init(program: ScheduledProgram) {
        config = program.config
        let folded = program.layers.filter { $0.work.kernelFold != nil }
        let stored = Set(program.graph.outputs.map(\.value) + folded.flatMap(\.layer.inputs))
        layers = program.layers.map { layer in
            let readsDRAM = layer.work.kernelFold != nil || layer.layer.inputs.contains(program.graph.input.name)
            return Layer(emits: layer.work.geometry != nil, gemm: Self.gemm(layer.work), laneWork: Self.laneWork(layer.work),
                         constantBytes: layer.constantBytes, constantLoads: Self.constantLoads(layer.work), readsDRAM: readsDRAM,
                         storesOutput: stored.contains(layer.layer.output))
        }
        macs = program.layers.reduce(0) { $0 + $1.macs }
        constantBytes = program.layers.reduce(0) { $0 + $1.constantBytes }
        let outputBytes = 2 * program.accumulatorBytes + program.elementBytes
        sramBytes = constantBytes + layers.reduce(0) { total, layer in
            total + (layer.gemm.map { $0.outputChannels * $0.pixels * outputBytes } ?? 0)
        }
    }

    /// Cycles no schedule of the graph on `config` beats: the first instruction's dispatch, then
    /// each emitting layer from barrier to barrier; and at least the dispatch and every constant
    /// byte through the load unit's channel.
    var cycles: Int {
        let timing = TimingModel(config: config)
        let lastEmitting = layers.lastIndex(where: \.emits)
        var total = config.costs.issueCycles
        var afterLayer = false
        for (index, layer) in layers.enumerated() where layer.emits {
            total += cycles(of: layer, timing: timing, afterLayer: afterLayer, beforeLayer: index != lastEmitting)
            afterLayer = true
        }
        return max(total, config.costs.issueCycles + timing.transferCycles(constantBytes))
    }

    /// Cycles from the barrier before `layer` to the barrier after it (or the run's end): the
    /// longer of the compute unit's path (the first step's loads, then the work) and the load
    /// unit's (the loads after the barrier, then one compute instruction), then the store of a
    /// graph output and the compute unit's `SYNC`. After another layer, the first step's constants
    /// may have been prefetched before the barrier (`LayerStream`), up to a weight buffer of them:
    /// only an input from DRAM, and the constant bytes beyond the weight buffer, count then.
    private func cycles(of layer: Layer, timing: TimingModel, afterLayer: Bool, beforeLayer: Bool) -> Int {
        let config = timing.config
        let fill = config.costs.computePipelineCycles
        let sync = timing.cycles(.sync(SyncInstruction(dependencies: DependencyFlags(), layer: 0, unit: .load)))
        let overhead = timing.dmaOverheadCycles
        let wordTransfer = timing.transferCycles(timing.busBytes)
        let prefetchable = afterLayer ? config.buffer(.weight)?.bytes ?? 0 : 0
        let lateConstantBytes = max(0, layer.constantBytes - prefetchable)
        let firstLoads = (afterLayer ? 0 : layer.constantLoads) + (layer.readsDRAM ? 1 : 0)
        let lateLoads = (afterLayer ? (lateConstantBytes > 0 ? 1 : 0) : layer.constantLoads) + (layer.readsDRAM ? 1 : 0)
        var work = 0
        if let gemm = layer.gemm {
            work += passes(gemm, on: config.array) + 2 * fill + ceilDiv(gemm.outputChannels * gemm.pixels, timing.postLanes)
        }
        if layer.laneWork > 0 { work += fill + ceilDiv(layer.laneWork, timing.postLanes) }
        let loadSync = afterLayer ? sync : 0
        var span = max(work, firstLoads > 0 ? loadSync + firstLoads * (overhead + wordTransfer) + work : 0)
        if lateLoads > 0 {
            let transfers = max(timing.transferCycles(lateConstantBytes), lateLoads * wordTransfer)
            span = max(span, loadSync + lateLoads * overhead + transfers + fill + 1)
        }
        return span + (layer.storesOutput ? overhead + wordTransfer : 0) + (beforeLayer ? sync : 0)
    }

    /// Microjoules no schedule of the graph on `config` beats, for a run of `cycles` or more.
    func energyUJ(cycles: Int) -> Double {
        var counters = ExecutionCounters()
        counters.record(.load(LoadInstruction(layer: 0, buffer: .weight, elementBytes: 1, dramAddress: 0, sramAddress: 0, depth: 1,
                                              rows: 1, columns: constantBytes, dramPlaneStride: 0, dramRowStride: 0)))
        counters.macs = macs
        let sramPJ = Double(sramBytes) / 8 * config.energy.sramPer64BitPJ
        return (EnergyReport(counters: counters, cycles: cycles, config: config).totalPJ + sramPJ) / 1e6
    }

    /// The array passes `gemm` needs at least on `array`.
    private func passes(_ gemm: Gemm, on a: PEArray) -> Int {
        if gemm.spread {
            return ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.reducedChannels * gemm.taps * gemm.pixels, a.pi * a.pk * a.pp)
        }
        return a.densePasses(outputChannels: gemm.outputChannels, inputChannels: gemm.reducedChannels, taps: gemm.taps, pixels: gemm.pixels)
    }

    /// The array dimensions of a convolution or fully-connected layer as the config runs it.
    private static func gemm(_ work: LayerWork) -> Gemm? {
        guard case .gemm(let gemm) = work else { return nil }
        let g = gemm.geometry
        return Gemm(outputChannels: g.outputChannels, reducedChannels: gemm.reducedChannels, taps: g.windowTaps,
                    pixels: g.outputHeight * g.outputWidth, spread: gemm.depthwise || gemm.fold != nil)
    }

    /// DRAM loads of constants an array layer's first step makes (its weights or gate, and its
    /// parameter records), or an elementwise layer's (its table).
    private static func constantLoads(_ work: LayerWork) -> Int {
        switch work {
        case .gemm: return 2
        case .elementwise(let elementwise): return elementwise.table.isEmpty ? 0 : 1
        case .pool, .add, .concat, .alias: return 0
        }
    }

    /// The taps a pooling layer reads (every output's window; one per output when border windows
    /// count fewer taps) or the elements an elementwise or sum layer computes.
    private static func laneWork(_ work: LayerWork) -> Int {
        switch work {
        case .pool(let pool):
            let g = pool.geometry
            return g.outputChannels * g.outputHeight * g.outputWidth * (pool.unevenTaps == nil ? g.windowTaps : 1)
        case .elementwise(let elementwise):
            let g = elementwise.geometry
            return g.outputChannels * g.outputHeight * g.outputWidth
        case .add(let add):
            let g = add.geometry
            return g.outputChannels * g.outputHeight * g.outputWidth
        case .gemm, .concat, .alias:
            return 0
        }
    }

    private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
