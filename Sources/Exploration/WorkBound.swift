import Accelerator
import Backend
import Runtime

/// A lower bound on a config's cycles and energy from the graph's work alone, before any tiling
/// (docs/EXPLORE.md, "Pruning"). A layer's instructions are one contiguous run of the stream, and
/// each unit runs its instructions in stream order, so the compute unit runs the layers one after
/// another: the run lasts at least the sum over layers of the time from a layer's first compute
/// instruction to the end of its last. Within that time the compute unit does the layer's work:
///
/// - a `GEMM` of `M × C` channels, `T` window taps and `P` pixels takes at least
///   `⌈M/Po⌉·⌈C/Pi⌉·⌈T/Pk⌉·⌈P/Pp⌉` cycles however it is tiled (a sum of ceilings is at least the
///   ceiling of the sum), or `⌈M/Po⌉·⌈C·T·P/(Pi·Pk·Pp)⌉` when that is less (a convolution whose
///   kernel positions fold into input channels, `KernelFold`, spreads its reduction over every
///   lane), plus `⌈M·P/(Po·Pp)⌉` for its `POST`s and one pipeline fill for each;
/// - `POOL`, `ALU` and `ADD` layers take their taps or elements over the `Po·Pp` lanes, plus a fill;
///
/// and the load unit must bring every constant byte of the layer that was not already on chip
/// when the layer started: the layer's constants beyond the config's whole SRAM, at the DRAM
/// bandwidth, plus one transfer's setup and latency. So a layer takes at least the larger of the
/// two, and the run at least their sum, and at least every constant byte at the DRAM bandwidth.
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
        var depthwise: Bool
    }

    /// What one layer asks of the compute and load units.
    struct Layer: Hashable, Sendable {
        /// The layer's array work, for a convolution or fully-connected layer.
        var gemm: Gemm?
        /// Taps or elements the layer's `POOL`, `ALU` or `ADD` instructions compute at least, one
        /// per lane and cycle.
        var laneWork: Int
        var constantBytes: Int
    }

    var layers: [Layer]
    var macs: Int
    var constantBytes: Int
    /// SRAM bytes beyond the constants' writes that every schedule moves: the constants read once,
    /// and each array layer's outputs through the accumulators (written, read by `POST`) and
    /// written as elements.
    var sramBytes: Int

    init(program: ScheduledProgram) {
        layers = program.layers.map { layer in
            Layer(gemm: Self.gemm(layer.work), laneWork: Self.laneWork(layer.work), constantBytes: layer.constantBytes)
        }
        macs = program.layers.reduce(0) { $0 + $1.macs }
        constantBytes = program.layers.reduce(0) { $0 + $1.constantBytes }
        let outputBytes = 2 * program.accumulatorBytes + program.elementBytes
        sramBytes = constantBytes + layers.reduce(0) { total, layer in
            total + (layer.gemm.map { $0.outputChannels * $0.pixels * outputBytes } ?? 0)
        }
    }

    /// `bytes` as one bus-aligned DRAM row: the fewest bus words, so the cheapest DMA of that many
    /// bytes (`TimingModel.dmaCycles` charges the words each row touches).
    private static func alignedRow(bytes: Int) -> DRAMRows {
        DRAMRows(address: 0, depth: 1, rows: 1, rowBytes: bytes, rowStride: bytes, planeStride: bytes,
                 rowsAdjacent: true, planesAdjacent: true)
    }

    /// Cycles no schedule of the graph on `config` beats.
    func cycles(on config: HardwareConfig) -> Int {
        let timing = TimingModel(config: config)
        let fill = config.costs.computePipelineCycles
        let layerSum = layers.reduce(0) { total, layer in
            var compute = 0
            if let gemm = layer.gemm {
                compute += passes(gemm, on: config.array) + 2 * fill + ceilDiv(gemm.outputChannels * gemm.pixels, timing.postLanes)
            }
            if layer.laneWork > 0 { compute += fill + ceilDiv(layer.laneWork, timing.postLanes) }
            let fetched = layer.constantBytes - config.totalSRAMBytes
            return total + max(compute, fetched > 0 ? timing.dmaCycles(Self.alignedRow(bytes: fetched)) : 0)
        }
        return max(layerSum, timing.transferCycles(constantBytes))
    }

    /// Microjoules no schedule of the graph on `config` beats, for a run of `cycles` or more.
    func energyUJ(on config: HardwareConfig, cycles: Int) -> Double {
        var counters = ExecutionCounters()
        counters.record(.load(LoadInstruction(layer: 0, buffer: .weight, elementBytes: 1, dramAddress: 0, sramAddress: 0, depth: 1,
                                              rows: 1, columns: constantBytes, dramPlaneStride: 0, dramRowStride: 0)))
        counters.macs = macs
        let sramPJ = Double(sramBytes) / 8 * config.energy.sramPer64BitPJ
        return (EnergyReport(counters: counters, cycles: cycles, config: config).totalPJ + sramPJ) / 1e6
    }

    /// The array passes `gemm` needs at least on `array`.
    private func passes(_ gemm: Gemm, on a: PEArray) -> Int {
        let spread = ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.reducedChannels * gemm.taps * gemm.pixels, a.pi * a.pk * a.pp)
        if gemm.depthwise { return ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.taps * gemm.pixels, a.pi * a.pk * a.pp) }
        return min(spread, ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.reducedChannels, a.pi) * ceilDiv(gemm.taps, a.pk)
            * ceilDiv(gemm.pixels, a.pp))
    }

    /// The array dimensions of a convolution or fully-connected layer; a folded layer is bounded
    /// by its own convolution (whether it folds depends on the config).
    private static func gemm(_ work: LayerWork) -> Gemm? {
        guard case .gemm(let gemm) = work else { return nil }
        let g = gemm.fold?.window ?? gemm.geometry
        return Gemm(outputChannels: g.outputChannels, reducedChannels: gemm.fold == nil ? gemm.reducedChannels : g.inputChannels,
                    taps: g.windowTaps, pixels: g.outputHeight * g.outputWidth, depthwise: gemm.depthwise)
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
