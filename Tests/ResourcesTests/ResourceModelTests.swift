import Accelerator
import Testing
@testable import Resources

/// `ResourceModel` against counts worked out by hand from its documented rules.
@Suite struct ResourceModelTests {
    /// A config with zc706's figures written out here, so that a preset change does not move the test.
    static func config(po: Int, pi: Int, buffers: [Int], arithmetic: String) throws -> HardwareConfig {
        var config = try #require(HardwareConfig.preset(named: "zc706"))
        config.array = PEArray(po: po, pi: pi, pk: 1, pp: 1)
        config.buffers = zip(SRAMBuffer.Role.allCases, buffers).map { SRAMBuffer(role: $0, bytes: $1) }
        config.features.arithmetic = try #require(.init(rawValue: arithmetic))
        return config
    }

    @Test func int8ArrayOnXC7Z045() throws {
        let config = try Self.config(po: 32, pi: 24, buffers: [786_432, 1_048_576, 131_072, 339_968], arithmetic: "default")
        let estimate = ResourceModel.standard.estimate(config, on: try FPGAPart.named("xc7z045"))
        // Lanes: input 24 B, weight 768 B, accumulator 32·4 B, output 32 B per cycle; 8 B per BRAM36 port.
        // input 3 banks × 64 blocks, weight 96 × 3, accumulator 16 × 2, output 4 × 21.
        #expect(estimate.bram36 == 3 * 64 + 96 * 3 + 16 * 2 + 4 * 21)
        #expect(estimate.dsp == 768)
        #expect(estimate.lut == 3_000 + 20 * 768 + 12 * 952)
        #expect(estimate.ff == 3_000 + 24 * 768 + 16 * 952)
        #expect(!estimate.fits(try FPGAPart.named("xc7z045")), "596 BRAM36 exceed the part's 545")
        #expect(estimate.fits(dspBudget: 800, bram36Budget: nil))
        #expect(!estimate.fits(dspBudget: 700, bram36Budget: nil))
    }

    @Test func q10ArrayOnCycloneVUsesWideMultipliersAndM10K() throws {
        let config = try Self.config(po: 12, pi: 6, buffers: [16_384, 16_384, 4_096, 8_192], arithmetic: "de1soc-q10")
        let estimate = ResourceModel.standard.estimate(config, on: try FPGAPart.named("5CSEMA5"))
        // 72 multipliers of 15-bit values, two per block. Lanes (4-byte elements, 8-byte sums):
        // input 24 B → 6 banks of 3 M10K; weight 288 B → 72 banks of 1; accumulator 96 B → 24 × 1;
        // output 48 B → 12 × 1.
        #expect(estimate.dsp == 36)
        #expect(estimate.bram36 == 6 * 3 + 72 + 24 + 12)
        #expect(estimate.fits(try FPGAPart.named("5csema5")))
    }

    @Test func emptyBufferTakesNoBlock() {
        #expect(ResourceModel.memoryBlocks(bytes: 0, portBytes: 8, block: .bram36) == 0)
        #expect(ResourceModel.memoryBlocks(bytes: 1, portBytes: 0, block: .bram36) == 1)
    }
}
