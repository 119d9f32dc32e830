import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Depthwise convolutions (3×3, strided, and the 1×1 per-channel affine) lowered to depthwise
/// `GEMM`s, bit-exact against `IntegerInterpreter` layer by layer on every preset, at the array
/// utilisation the depthwise mapping promises.
@Suite struct DepthwiseLoweringTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func separableGraphIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let (scheduled, input, reference) = try LoweringCheck.bitExact(DepthwiseGraphs.separable(mode: config.arithmetic), on: config, seed: 9)
        #expect(Set(reference["dw2"] ?? []).count > 8, "the depthwise output is not degenerate")
        let depthwise = try scheduled.program.instructions.filter { if case .gemm(let gemm) = $0 { return gemm.depthwise } else { return false } }
        #expect(!depthwise.isEmpty)
        let program = try scheduled.program
        let run = try AcceleratorModel(program: program, config: config).run(input: input)
        let statistics = LayerStatistics(program: program, config: config, run: run)
        #expect(statistics.rows.filter { $0.op == "Conv (depthwise)" }.map(\.name) == ["dw1", "dw2", "scale"], "--stats calls them out")
        #expect(statistics.rows.map(\.macs) == [8 * 9 * 64, 16 * 8 * 64, 16 * 9 * 16, 16 * 16])
    }

    /// A separable block large enough for several channel and pixel tiles (48 and 96 channels over
    /// 28×28): bit-exact on every preset, whichever loop order the depthwise layers take, and each
    /// depthwise layer's tile-search estimate within 10 % of the cycles the timeline gives it (the
    /// estimate charges what `PipelineTimeline` charges: the bus words of the input rows, the pad
    /// fill where it outlasts a `LOAD`'s transfer, and the units as a three-stage flow). The estimate
    /// charges a layer's first constant loads, which the lowering may prefetch during the layer
    /// before (docs/SCHEDULING.md, "Prefetch across the barrier"): their cycles count with the
    /// layer's.
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func tiledSeparableGraphIsBitExactAndEstimated(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let graph = DepthwiseGraphs.separable(mode: config.arithmetic, channels: 48, size: 28)
        let (scheduled, _, _) = try LoweringCheck.bitExact(graph, on: config, seed: 10)
        let instructions = try scheduled.instructions.value
        let timeline = try PipelineTimeline.schedule(instructions, timing: TimingModel(config: config))
        for layer in scheduled.layers where layer.layer.name.hasPrefix("dw") {
            let range = try layer.instructions.value
            let barrier = range.first { if case .sync(let sync) = instructions[$0] { sync.unit == .load } else { false } } ?? range.lowerBound
            let prefetched = (range.lowerBound..<barrier).reduce(0) { $0 + timeline.events[$1].end - timeline.events[$1].start }
            let estimate = Double(try layer.tiling.value.estimatedCycles), modeled = Double(try layer.modeledCycles.value + prefetched)
            #expect(abs(estimate - modeled) <= 0.1 * modeled, "\(layer.layer.name) on \(preset): estimate \(estimate), modeled \(modeled)")
        }
    }

    /// On vta (Po = Pi = 16, Pk = 1, Pp = 1) a 32-channel 3×3 depthwise layer over 16×16 pixels in
    /// one tile takes ceil(32/16) · ceil(256/16) · 9 = 288 array cycles for its 73 728 MACs: 100 % of
    /// the 256 MACs per cycle, where one input channel per pass would reach 1/16.
    @Test func depthwiseGemmFillsTheArray() {
        let timing = TimingModel(config: .shipped("vta"))
        let gemm = GemmInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 0, inputPlanePitch: 324,
                                   inputRowPitch: 18, weightAddress: 0, accumulatorAddress: 0, outputChannels: 32, inputChannels: 1,
                                   outputRows: 16, outputColumns: 16, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
                                   dilationHeight: 1, dilationWidth: 1, depthwise: true)
        #expect(timing.gemmCycles(gemm) == 288)
        #expect(gemm.macs == 32 * 9 * 256)
        #expect(Double(gemm.macs) / Double(timing.gemmCycles(gemm) * timing.config.array.macsPerCycle) == 1)
    }
}
