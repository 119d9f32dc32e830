import Accelerator
import Testing
@testable import Resources

/// `ResourceModel` against counts worked out by hand from its documented rules.
@Suite struct ResourceModelTests {
    /// A config with zc706's figures written out here, so that a preset change does not move the test.
    static func config(po: Int, pi: Int, pk: Int = 1, pp: Int = 1, buffers: [Int], arithmetic: String) throws -> HardwareConfig {
        var config = try #require(HardwareConfig.preset(named: "zc706"))
        config.array = PEArray(po: po, pi: pi, pk: pk, pp: pp)
        config.buffers = zip(SRAMBuffer.Role.allCases, buffers).map { SRAMBuffer(role: $0, bytes: $1) }
        config.features.arithmetic = try #require(.init(rawValue: arithmetic))
        return config
    }

    /// Round coefficients, so that each count below is worked out by hand.
    static let model = ResourceModel(coefficients: .init(
        lutFixed: 1_000, lutPerMultiplier: 20, lutPerMultiplierByte: 10, lutPerPortAddressBit: 2, lutPerLane: 500, lutPerLaneByte: 30,
        lutPerExtraDRAMPort: 3_000, ffFixed: 2_000, ffPerPartialSumByte: 40, ffPerLane: 70, dspPerWideMultiplier: 4, dspPerLane: 4, dspFixed: 6))

    @Test func int8ArrayOnXC7Z045() throws {
        let config = try Self.config(po: 32, pi: 24, buffers: [786_432, 1_048_576, 131_072, 339_968], arithmetic: "default")
        let estimate = Self.model.estimate(config, on: try FPGAPart.named("xc7z045"))
        // Lanes: input 24 B, weight 768 B, accumulator 32·4 B, output 32 B per cycle; 8 B per BRAM36 port.
        // input 3 banks × 64 blocks, weight 96 × 3, accumulator 16 × 2, output 4 × 21.
        #expect(estimate.bram36 == 3 * 64 + 96 * 3 + 16 * 2 + 4 * 21)
        // 768 8×8 products, one DSP48E1 each; 32 lanes of four tiles; 6 tiles of address steps.
        #expect(estimate.dsp == 768 + 4 * 32 + 6)
        // Port address bits: input ⌈log2 786,432⌉ = 20 and accumulator 17 per multiplier, weight 20 per
        // weight port (768 of them with Pp = 1).
        // zc706's DRAM: 28 bytes a cycle on a 64-bit bus, four ports, three beyond the first.
        #expect(estimate.lut == 1_000 + 20 * 768 + 10 * 768 + 2 * (768 * (20 + 17) + 768 * 20) + (500 + 30) * 32 + 3 * 3_000)
        #expect(estimate.ff == 2_000 + 40 * 768 * 4 + 70 * 32)
        #expect(!estimate.fits(try FPGAPart.named("xc7z045")), "596 BRAM36 exceed the part's 545")
        #expect(estimate.fits(dspBudget: 910, bram36Budget: nil))
        #expect(!estimate.fits(dspBudget: 900, bram36Budget: nil))
    }

    @Test func q10ArrayOnCycloneVUsesWideMultipliersAndM10K() throws {
        let config = try Self.config(po: 12, pi: 6, buffers: [16_384, 16_384, 4_096, 8_192], arithmetic: "de1soc-q10")
        let estimate = Self.model.estimate(config, on: try FPGAPart.named("5CSEMA5"))
        // 72 32×32 products of four tiles, 12 lanes of four, 6 more: 342 tiles, two per Cyclone V block.
        // Lanes (4-byte elements, 8-byte sums): input 24 B → 6 banks of 3 M10K; weight 288 B → 72 banks
        // of 1; accumulator 96 B → 24 × 1; output 48 B → 12 × 1.
        #expect(estimate.dsp == (72 * 4 + 12 * 4 + 6) / 2)
        #expect(estimate.bram36 == 6 * 3 + 72 + 24 + 12)
        // Port address bits: input 14 and accumulator 12 per multiplier, weight 14 per weight port.
        #expect(estimate.lut == 1_000 + 20 * 72 + 10 * 72 * 4 + 2 * (72 * (14 + 12) + 72 * 14) + (500 + 30 * 4) * 12 + 3 * 3_000)
        #expect(estimate.ff == 2_000 + 40 * 72 * 8 + 70 * 12)
        #expect(!estimate.fits(try FPGAPart.named("5csema5")), "171 DSP blocks exceed the part's 87")
    }

    @Test func weightPortsAreSharedByTheMultipliersOfOnePixelGroup() throws {
        let config = try Self.config(po: 2, pi: 3, pk: 2, pp: 2, buffers: [4_096, 8_192, 2_048, 4_096], arithmetic: "default")
        let estimate = Self.model.estimate(config, on: try FPGAPart.named("xc7z045"))
        // 24 multipliers with input (12 bits) and accumulator (11) adds, 2·3·2 = 12 weight ports (13
        // bits), 4 lanes.
        #expect(estimate.lut == 1_000 + 20 * 24 + 10 * 24 + 2 * (24 * (12 + 11) + 12 * 13) + (500 + 30) * 4 + 3 * 3_000)
    }

    @Test func emptyBufferTakesNoBlock() {
        #expect(ResourceModel.memoryBlocks(bytes: 0, portBytes: 8, block: .bram36) == 0)
        #expect(ResourceModel.memoryBlocks(bytes: 1, portBytes: 0, block: .bram36) == 1)
    }
}
