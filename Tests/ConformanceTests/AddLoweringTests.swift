import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Add layers (residual, n-input, one-input) and channel Concats lowered to `ADD` (or to nothing,
/// their producers writing by address) and run on the accelerator model, bit-exact against
/// `IntegerInterpreter` layer by layer on every preset.
@Suite struct AddLoweringTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func residualGraphIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let (scheduled, _, reference) = try LoweringCheck.bitExact(MultiInputGraphs.residual(mode: config.arithmetic), on: config, seed: 5)
        #expect(Set(reference["sum"] ?? []).count > 8, "the sum is not degenerate")
        let adds = try scheduled.program.instructions.filter { if case .add = $0 { return true } else { return false } }
        #expect(adds.count >= 6, "one ADD per input and tile: \(adds.count)")
    }

    /// The skip value `a` (read by `b`, `res` and `sum`) stays on chip from `a` to `sum` on every
    /// preset: no `LOAD` reads it, no `STORE` writes it, and the Adds read it from the input
    /// buffer beside the operands they load.
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func skipValueStaysOnChipAndIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let scheduled = try LoweringCheck.bitExact(MultiInputGraphs.residual(mode: config.arithmetic), on: config, seed: 7).scheduled
        let byName = Dictionary(uniqueKeysWithValues: scheduled.layers.map { ($0.layer.name, $0) })
        let a = try #require(byName["a"]), res = try #require(byName["res"]), sum = try #require(byName["sum"])
        #expect(try a.output.isOnChip && res.inputs[1].isOnChip && sum.inputs[2].isOnChip)
        #expect(try !sum.inputs[1].isOnChip, "the graph input x is loaded from DRAM")
        let read = try res.inputs[1].sramTensor.value, written = try a.output.sramTensor.value
        #expect(read == written, "res (no padding) reads the interior a wrote, b's padding around it")
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
        let scheduled = try LoweringCheck.bitExact(graph, on: config, seed: 6).scheduled
        let sum = try #require(scheduled.layers.first { $0.layer.name == "sum" })
        let tile = try sum.tiling.value.shape
        #expect(tile.outputChannels * tile.rows * tile.columns < 20 * 12 * 12, "the sum is tiled: \(tile)")
    }

    @Test(arguments: HardwareConfig.presets.map(\.name))
    func concatsAreBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let scheduled = try LoweringCheck.bitExact(MultiInputGraphs.concats(mode: config.arithmetic), on: config, seed: 8).scheduled
        let instructions = try scheduled.program.instructions
        func copies(_ layer: String) throws -> Int {
            let range = try #require(scheduled.layers.first { $0.layer.name == layer }).instructions.value
            return instructions[range].filter { if case .add = $0 { return true } else { return false } }.count
        }
        #expect(try copies("cat3") == 0, "both inputs written by address")
        #expect(try copies("cat1") >= 1 && copies("cat2") >= 3, "a in cat1; x, a and c in cat2 are copied")
        #expect(scheduled.slices.slice(of: "d") == ChannelSlices.Slice(concat: "cat2", channelOffset: 0))
        #expect(scheduled.slices.slice(of: "b") == ChannelSlices.Slice(concat: "cat1", channelOffset: 6))
        #expect(!scheduled.slices.isSlice("a") && !scheduled.slices.isSlice("x") && !scheduled.slices.isSlice("c"))
    }
}
