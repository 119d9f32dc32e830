@testable import Backend
import Accelerator
import Testing
import TestSupport

/// `MultiInputGraphs.residual` (12 channels of 8×8): `a` (a 3×3 convolution's output) is read by
/// `b` (3×3, pads 1), by the Add `res` and by the 3-input Sum `sum`.
@Suite struct OnChipValueTests {
    static func program(_ preset: String = "vta") throws -> ScheduledProgram {
        let config = HardwareConfig.shipped(preset)
        return try ScheduledProgram(graph: MultiInputGraphs.residual(mode: config.arithmetic), config: config)
    }

    /// One box of 12 planes of 10×10 (the value with `b`'s padding around it), which the Adds read
    /// from its interior and `b` from its corner.
    @Test func aSkipValueIsOneBoxWithTheWidestPaddingOfItsReaders() throws {
        let program = try Self.program()
        var value = try #require(OnChipValue(program: program, producer: 0))
        #expect(value.name == "a" && value.readers == [1, 2, 3] && value.lastReader == 3)
        #expect([value.padTop, value.padLeft, value.padBottom, value.padRight] == [1, 1, 1, 1] && value.isPadded)
        #expect(value.padValue == program.layers[1].work.padValue)
        #expect(value.bytes == 1200)
        value.address = 0x100
        let conv = try #require(program.layers[1].work.geometry), add = try #require(program.layers[2].work.geometry)
        #expect(value.view(forReader: conv) == SRAMTensor(buffer: .input, address: 0x100, planePitch: 100, rowPitch: 10,
                                                          dims: [1, 12, 8, 8], elementBytes: 1))
        #expect(value.view(forReader: add).address == 0x100 + 11)
        #expect(value.interior == value.view(forReader: add))
        #expect(value.isLive(at: 0) && value.isLive(at: 3) && !value.isLive(at: 4))
    }

    /// `b`'s output goes only to `res`, which does not pad: no padding, 12 × 64 bytes.
    @Test func aValueReadWithoutPaddingHasNone() throws {
        let value = try #require(OnChipValue(program: try Self.program(), producer: 1))
        #expect(value.readers == [2] && !value.isPadded && value.bytes == 768 && value.interior == value.box)
    }

    /// `c` is the graph output; nothing reads it on chip.
    @Test func aGraphOutputIsNotKeptOnChip() throws {
        #expect(OnChipValue(program: try Self.program(), producer: 5) == nil)
    }
}
