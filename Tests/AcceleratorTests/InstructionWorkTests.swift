import Accelerator
import Testing
import TestSupport

/// An instruction's work is the element operations its fields ask for, counted by hand here.
@Suite struct InstructionWorkTests {
    static func post(channels: Int, rows: Int, columns: Int) -> Instruction {
        .post(PostInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, accumulatorAddress: 0, parameterAddress: 0,
                              channels: channels, rows: rows, columns: columns, requantization: .multiplier, saturate: false,
                              outputZeroPoint: 0, clampLow: -128, clampHigh: 127,
                              destination: StridedDestination(buffer: .output, address: 0, planePitch: 0, rowPitch: 0)))
    }

    @Test func aLoadCountsItsPaddedBox() {
        let load = Instruction.load(LoadInstruction(layer: 0, buffer: .input, elementBytes: 1, dramAddress: 0, sramAddress: 0,
                                                    depth: 2, rows: 3, columns: 4, dramPlaneStride: 12, dramRowStride: 4,
                                                    padTop: 1, padBottom: 1, padLeft: 1, padRight: 1))
        #expect(load.work == 2 * 5 * 6)
    }

    @Test func computeAndStoreInstructionsCountTheirElements() {
        #expect(Self.post(channels: 3, rows: 5, columns: 7).work == 105)
        #expect(Self.post(channels: 53_251, rows: 49_163, columns: 0).work == 53_251 * 49_163)
        #expect(AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: 0, count: 9).work == 9)
        #expect(Instruction.end(layer: 0).work == 1)
    }

    @Test func aProgramSumsItsInstructionsAndRefusesBeyondTheLimit() throws {
        let store = AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: 0, count: 9)
        let small = AcceleratorFixtures.program([Self.post(channels: 3, rows: 5, columns: 7), store], constants: [],
                                                dramBytes: 16, input: AcceleratorProgramValidationTests.input,
                                                outputs: [AcceleratorProgramValidationTests.output])
        #expect(small.work == 114)
        // 65535³ ≈ 2.8·10^14 elements each: five such POSTs pass 2^50 (≈ 1.13·10^15) in all.
        let widest = Self.post(channels: 65535, rows: 65535, columns: 65535)
        var huge = small
        huge.instructions = Array(repeating: widest, count: 5)
        #expect(huge.work == nil)
        #expect(throws: AcceleratorError.self) { try huge.validate(config: AcceleratorFixtures.config, path: "p.bin") }
        huge.instructions = Array(repeating: widest, count: 4)
        #expect(huge.work == 4 * 65535 * 65535 * 65535)
    }
}
