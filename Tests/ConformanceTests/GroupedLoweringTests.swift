import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Grouped convolutions with several channels per group (RegNetX) lowered as each group's `GEMM`s
/// over its own channel slices, bit-exact against `IntegerInterpreter` layer by layer on every
/// preset.
@Suite struct GroupedLoweringTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func groupedGraphIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let (scheduled, input, reference) = try LoweringCheck.bitExact(DepthwiseGraphs.grouped(mode: config.arithmetic), on: config, seed: 11)
        #expect(Set(reference["g2"] ?? []).count > 8, "the grouped output is not degenerate")
        let program = try scheduled.program
        let gemms = program.instructions.compactMap { if case .gemm(let gemm) = $0 { return gemm } else { return nil } }
        #expect(gemms.allSatisfy { $0.inputChannels <= 8 && !$0.depthwise }, "each GEMM sums over one group's channels at most")
        let run = try AcceleratorModel(program: program, config: config).run(input: input)
        let statistics = LayerStatistics(program: program, config: config, run: run)
        #expect(statistics.rows.map(\.op) == ["Conv (grouped 4)", "Conv (grouped 4)"], "--stats calls them out")
        #expect(statistics.rows.map(\.macs) == [32 * 4 * 9 * 64, 16 * 8 * 16])
    }
}
