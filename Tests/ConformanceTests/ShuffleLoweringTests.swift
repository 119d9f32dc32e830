import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// ShuffleNetV2's plumbing without copies: channel slices read by address, channel shuffles of a
/// Concat stored by strided stores, bit-exact against `IntegerInterpreter` on every preset (every
/// layer the accelerator model observes: the shuffled Concats and their producers' slices are
/// stored in the shuffle's channel order, so only the shuffles' outputs show them).
@Suite struct ShuffleLoweringTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func shuffleUnitsAreBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let (scheduled, _, reference) = try LoweringCheck.bitExact(ShuffleGraphs.shuffleUnits(mode: config.arithmetic), on: config, seed: 13)
        #expect(Set(reference["sh2"] ?? []).count > 8, "the shuffled output is not degenerate")
        let program = try scheduled.program
        let observed = program.layers.filter { $0.dramOutput != nil || $0.sramOutput != nil }.map(\.name)
        #expect(observed == ["sh1", "left", "right", "sh2", "y"], "slices and shuffles are observed at their own addresses")
        #expect(program.layers.filter { ["sh1", "left", "right", "sh2"].contains($0.name) }.allSatisfy { $0.instructionCount == 0 },
                "slices and shuffles copy nothing")
        let copies = program.instructions.filter { if case .add = $0 { return true } else { return false } }.count
        #expect(copies > 0, "cat2 copies 'left' (another scale) into its slice")
    }

    /// The store of channels 1..<3 of `b` (input 1 of a two-group shuffle of 4 channels per input)
    /// writes planes 3, 5 of the Concat: a stride of two planes from `b`'s first plane, 1.
    @Test func shuffledStoresStrideOverTheGroups() throws {
        let config = HardwareConfig.shipped("vta")
        let scheduled = try BackendPipeline.standard.run(try ScheduledProgram(graph: ShuffleGraphs.shuffleUnits(mode: .standard), config: config),
                                                          verify: true)
        let program = try scheduled.program
        let plane = 6 * 6
        let b = try #require(scheduled.layers.first { $0.layer.name == "b" })
        let cat1 = try #require(scheduled.layers.first { $0.layer.name == "cat1" })
        let concatAddress = try cat1.output.dramTensor.value.address
        #expect(try b.output.dramTensor.value.address == concatAddress + plane)
        let stores = try program.instructions[b.instructions.value].compactMap { if case .store(let store) = $0 { return store } else { return nil } }
        #expect(!stores.isEmpty && stores.allSatisfy { $0.dramPlaneStride == 2 * plane })
        #expect(stores.map(\.dramAddress).min() == concatAddress + plane)
    }
}
