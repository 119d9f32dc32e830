import Accelerator
import Backend
import Runtime

/// A lower bound on a config's cycles and energy from the graph's work alone, before any tiling:
/// the compute unit runs every `GEMM` and `POST` one after another, and a `GEMM` of `M × C` channels,
/// `T` window taps and `P` pixels takes at least `⌈M/Po⌉·⌈C/Pi⌉·⌈T/Pk⌉·⌈P/Pp⌉` cycles however it is
/// tiled (a sum of ceilings is at least the ceiling of the sum), or `⌈M/Po⌉·⌈C·T·P/(Pi·Pk·Pp)⌉` when
/// that is less (a convolution whose kernel positions fold into input channels, `KernelFold`, spreads
/// its reduction over every lane); the load unit moves every constant
/// byte at least once at the DRAM bandwidth. Energy: every MAC, every constant byte read from DRAM
/// and written to SRAM, and static power over the bound's cycles.
struct WorkBound: Hashable, Sendable {
    /// One array layer's dimensions.
    struct Gemm: Hashable, Sendable {
        var outputChannels: Int
        var reducedChannels: Int
        var taps: Int
        var pixels: Int
        var depthwise: Bool
    }

    var gemms: [Gemm]
    var macs: Int
    var constantBytes: Int

    init(program: ScheduledProgram) {
        gemms = program.layers.compactMap { layer in
            guard case .gemm(let gemm) = layer.work else { return nil }
            // A folded layer is bounded by its own convolution: whether it folds depends on the config.
            let g = gemm.fold?.window ?? gemm.geometry
            return Gemm(outputChannels: g.outputChannels, reducedChannels: gemm.fold == nil ? gemm.reducedChannels : g.inputChannels,
                        taps: g.windowTaps, pixels: g.outputHeight * g.outputWidth, depthwise: gemm.depthwise)
        }
        macs = program.layers.reduce(0) { $0 + $1.macs }
        constantBytes = program.layers.reduce(0) { $0 + $1.constantBytes }
    }

    /// Cycles no schedule of the graph on `config` beats.
    func cycles(on config: HardwareConfig) -> Int {
        let a = config.array
        let compute = gemms.reduce(0) { total, gemm in
            let spread = ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.reducedChannels * gemm.taps * gemm.pixels, a.pi * a.pk * a.pp)
            let passes = gemm.depthwise
                ? ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.taps * gemm.pixels, a.pi * a.pk * a.pp)
                : min(spread, ceilDiv(gemm.outputChannels, a.po) * ceilDiv(gemm.reducedChannels, a.pi) * ceilDiv(gemm.taps, a.pk)
                    * ceilDiv(gemm.pixels, a.pp))
            return total + passes + ceilDiv(gemm.outputChannels * gemm.pixels, a.po * a.pp)
        }
        let loads = Int((Double(constantBytes) / config.dram.bytesPerCycle).rounded(.up))
        return max(compute, loads)
    }

    /// Microjoules no schedule of the graph on `config` beats, for a run of `cycles` or more.
    func energyUJ(on config: HardwareConfig, cycles: Int) -> Double {
        var counters = ExecutionCounters()
        counters.record(.load(LoadInstruction(layer: 0, buffer: .weight, elementBytes: 1, dramAddress: 0, sramAddress: 0, depth: 1,
                                              rows: 1, columns: constantBytes, dramPlaneStride: 0, dramRowStride: 0)))
        counters.macs = macs
        return EnergyReport(counters: counters, cycles: cycles, config: config).totalPJ / 1e6
    }

    private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
