import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Add layers (residual, n-input, one-input) lowered to `ADD` and run on the accelerator model,
/// bit-exact against `IntegerInterpreter` layer by layer on every preset.
@Suite struct AddLoweringTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func residualGraphIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let graph = MultiInputGraphs.residual(mode: config.arithmetic)
        let input = try CompiledNetwork.storedInput(for: graph, seed: 5)
        let reference = try AcceleratorConformanceTests.referenceLayers(graph, input: input, everyLayer: true)
        #expect(Set(reference["sum"] ?? []).count > 8, "the sum is not degenerate")
        let scheduled = try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: true)
        try AcceleratorConformanceTests.expectBitExact(scheduled, input: input, reference: reference, label: "residual on \(config.name)")
        let adds = try scheduled.program.instructions.filter { if case .add = $0 { return true } else { return false } }
        #expect(adds.count >= 6, "one ADD per input and tile: \(adds.count)")
    }

    /// Input and accumulator buffers too small for a whole operand force channel and pixel tiles,
    /// so each Add runs several tiles through the ping-pong input slots with its partial sums in
    /// the accumulator.
    @Test func tiledAddsAreBitExact() throws {
        var config = HardwareConfig.shipped("vta")
        config.buffers = [
            SRAMBuffer(role: .input, bytes: 4096), SRAMBuffer(role: .weight, bytes: 16384),
            SRAMBuffer(role: .accumulator, bytes: 4096), SRAMBuffer(role: .output, bytes: 2048),
        ]
        let graph = MultiInputGraphs.residual(mode: config.arithmetic, channels: 20, size: 12)
        let input = try CompiledNetwork.storedInput(for: graph, seed: 6)
        let reference = try AcceleratorConformanceTests.referenceLayers(graph, input: input, everyLayer: true)
        let scheduled = try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: true)
        let sum = try #require(scheduled.layers.first { $0.layer.name == "sum" })
        let tile = try sum.tiling.value.shape
        #expect(tile.outputChannels * tile.rows * tile.columns < 20 * 12 * 12, "the sum is tiled: \(tile)")
        try AcceleratorConformanceTests.expectBitExact(scheduled, input: input, reference: reference, label: "tiled residual")
    }
}
