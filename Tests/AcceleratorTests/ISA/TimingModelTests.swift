import Testing
@testable import Accelerator
import TestSupport

/// `TimingModel`'s DMA and `POOL` costs against cycle counts worked out by hand (docs/ISA.md, "Timing").
@Suite struct TimingModelTests {
    static func store(rows: Int, columns: Int, rowStride: Int, dramAddress: Int = 0) -> Instruction {
        .store(StoreInstruction(dependencies: .none, layer: 0, elementBytes: 1, sramAddress: 0, dramAddress: dramAddress, depth: 1,
                                rows: rows, columns: columns, dramPlaneStride: rows * rowStride, dramRowStride: rowStride))
    }

    static func load(rows: Int, columns: Int, rowStride: Int, padLeft: Int) -> Instruction {
        .load(LoadInstruction(dependencies: .none, layer: 0, buffer: .input, elementBytes: 1, dramAddress: 4, sramAddress: 0,
                              depth: 1, rows: rows, columns: columns, dramPlaneStride: rows * rowStride, dramRowStride: rowStride,
                              padLeft: padLeft))
    }

    static func globalPool(channels: Int, window: Int) -> Instruction {
        .pool(PoolInstruction(dependencies: .none, layer: 0, elementBytes: 1, kind: .max, inputAddress: 0,
                              inputPlanePitch: window * window, inputRowPitch: window, channels: channels, outputRows: 1,
                              outputColumns: 1, kernelHeight: window, kernelWidth: window, strideHeight: 1, strideWidth: 1,
                              inputZeroPoint: 0, outputZeroPoint: 0, multiplier: 0, shift: 0, clampLow: -128, clampHigh: 127, destination: StridedDestination(buffer: .output, address: 0,
                                                                                              planePitch: 1, rowPitch: 1)))
    }

    @Test func storeChargesABusWordPerNarrowRow() {
        // vta: 16 + 100 + 256 rows of 2 bytes 16 bytes apart, a word each (not 512 / 8 = 64).
        #expect(TimingModel(config: .shipped("vta")).cycles(Self.store(rows: 256, columns: 2, rowStride: 16)) == 372)
        // Dense rows merge: 16 + 100 + 512 / 8.
        #expect(TimingModel(config: .shipped("vta")).cycles(Self.store(rows: 256, columns: 2, rowStride: 2)) == 180)
        // zc706: 16 + 120 + ceil(256 words · 8 B / 28 B per cycle) = 16 + 120 + 74.
        #expect(TimingModel(config: .shipped("zc706")).cycles(Self.store(rows: 256, columns: 2, rowStride: 16)) == 210)
    }

    @Test func loadRowsMergeOnlyWithoutSidePadding() {
        let timing = TimingModel(config: .shipped("vta"))
        // 4 rows of 8 bytes back to back from byte 4: one row, words 0…4: 16 + 100 + 5.
        #expect(timing.cycles(Self.load(rows: 4, columns: 8, rowStride: 8, padLeft: 0)) == 121)
        // With a padding column each row is its own, two words each: 16 + 100 + 8.
        #expect(timing.cycles(Self.load(rows: 4, columns: 8, rowStride: 8, padLeft: 1)) == 124)
    }

    @Test func poolGivesEachOutputALaneForAllItsTaps() {
        // de1soc: 72 lanes, pipeline 6; 16 outputs of 256 taps: 6 + ceil(16/72)·256 (not ceil(4096/72) = 57).
        #expect(TimingModel(config: .shipped("de1soc")).cycles(Self.globalPool(channels: 16, window: 16)) == 262)
        // 100 outputs of 4 taps: 6 + ceil(100/72)·4.
        #expect(TimingModel(config: .shipped("de1soc")).cycles(Self.globalPool(channels: 100, window: 2)) == 14)
    }
}
