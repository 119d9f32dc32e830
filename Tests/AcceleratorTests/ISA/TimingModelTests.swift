import Testing
@testable import Accelerator
import TestSupport

/// `TimingModel`'s DMA, padding, 1×1 and depthwise `GEMM` and `POOL` costs against cycle counts worked out by hand
/// (docs/ISA.md, "Timing").
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

    static func paddedLoad(depth: Int, rows: Int, columns: Int, pads: (top: Int, bottom: Int, left: Int, right: Int)) -> LoadInstruction {
        LoadInstruction(dependencies: .none, layer: 0, buffer: .input, elementBytes: 1, dramAddress: 0, sramAddress: 0, depth: depth,
                        rows: rows, columns: columns, dramPlaneStride: rows * columns, dramRowStride: columns, padTop: pads.top,
                        padBottom: pads.bottom, padLeft: pads.left, padRight: pads.right)
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
        // zc706: 16 + 120 + 256 words on four 8-byte ports at 28 B a cycle, whatever rows they lie in:
        // ceil(256 · 8 / 28) = 74 (it was 256, one word a cycle, on the one-port RTL).
        #expect(TimingModel(config: .shipped("zc706")).cycles(Self.store(rows: 256, columns: 2, rowStride: 16)) == 210)
        // zcu102: 16 + 150 + 256 words of 16 bytes on six ports at 96 B a cycle: ceil(4096 / 96) = 43.
        #expect(TimingModel(config: .shipped("zcu102")).cycles(Self.store(rows: 256, columns: 2, rowStride: 16)) == 209)
    }

    @Test func loadRowsMergeOnlyWithoutSidePadding() {
        let timing = TimingModel(config: .shipped("vta"))
        // 4 rows of 8 bytes back to back from byte 4: one row, words 0…4: 16 + 100 + 5.
        #expect(timing.cycles(Self.load(rows: 4, columns: 8, rowStride: 8, padLeft: 0)) == 121)
        // With a padding column each row is its own, two words each: 16 + 100 + 8.
        #expect(timing.cycles(Self.load(rows: 4, columns: 8, rowStride: 8, padLeft: 1)) == 124)
    }

    @Test func paddingIsWrittenOneBusWidthACycle() {
        let zc706 = TimingModel(config: .shipped("zc706"))
        // Padding only: 2 planes of a 2×6 box, 24 bytes, 3 bus widths: 16 + 3 (not 16 + ceil(24 / 28)).
        #expect(zc706.cycles(.load(Self.paddedLoad(depth: 2, rows: 0, columns: 4, pads: (1, 1, 1, 1)))) == 19)
        // One byte read under 120 padding rows: each row of the 1-column box one bus width and one
        // cycle more, the read row one cycle for each side: 16 + 120 · 2 + 2, beyond 16 + 120 + 1.
        let tall = Self.paddedLoad(depth: 1, rows: 1, columns: 1, pads: (60, 60, 0, 0))
        #expect(zc706.padFillCycles(tall) == 242)
        #expect(zc706.cycles(.load(tall)) == 258)
        // 3 planes of 4 rows of 20 bytes with 10 columns of padding each side on vta (8-byte words):
        // a padding row of 40 bytes is 5 + 1 cycles, a read row 2 + 2: 3 · (2 · 6 + 4 · 4) = 84.
        #expect(TimingModel(config: .shipped("vta")).padFillCycles(Self.paddedLoad(depth: 3, rows: 4, columns: 20, pads: (1, 1, 10, 10))) == 84)
    }

    @Test func depthwiseGemmWalksTheTapsOneACycle() {
        // vta: 16×16×1×1, 16 multipliers a channel; 20 channels, 5×4 pixels, 3×3 taps:
        // ceil(20/16) · ceil(20/16) · 9 = 36 (packing taps with pixels would give 2 · ceil(180/16) = 24).
        let gemm = GemmInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 0, inputPlanePitch: 42,
                                   inputRowPitch: 6, weightAddress: 0, accumulatorAddress: 0, outputChannels: 20, inputChannels: 1,
                                   outputRows: 5, outputColumns: 4, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
                                   dilationHeight: 1, dilationWidth: 1, depthwise: true)
        #expect(TimingModel(config: .shipped("vta")).gemmCycles(gemm) == 36)
    }

    @Test func oneTapGemmSpreadsItsInputChannelsOverTheKernelLanes() {
        // seed000: 2×1×9×14, 9 multipliers an output and pixel; 4 outputs, 20 input channels, 7×2 pixels.
        func gemm(kernel: Int) -> GemmInstruction {
            GemmInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 0, inputPlanePitch: 14,
                            inputRowPitch: 2, weightAddress: 0, accumulatorAddress: 0, outputChannels: 4, inputChannels: 20,
                            outputRows: 7, outputColumns: 2, kernelHeight: kernel, kernelWidth: kernel, strideHeight: 1, strideWidth: 1,
                            dilationHeight: 1, dilationWidth: 1)
        }
        let timing = TimingModel(config: .shipped("seed000"))
        // 1×1: ceil(4/2) · ceil(20/(1·9)) · ceil(14/14) = 6 (one channel a pass would be 2 · 20 = 40).
        #expect(timing.gemmCycles(gemm(kernel: 1)) == 6)
        // 3×3: the 9 taps fill the kernel lanes, ceil(4/2) · ceil(20/1) · ceil(9/9) · 1 = 40.
        #expect(timing.gemmCycles(gemm(kernel: 3)) == 40)
    }

    @Test func poolGivesEachOutputALaneForAllItsTaps() {
        // de1soc: 72 lanes, pipeline 6; 16 outputs of 256 taps: 6 + ceil(16/72)·256 (not ceil(4096/72) = 57).
        #expect(TimingModel(config: .shipped("de1soc")).cycles(Self.globalPool(channels: 16, window: 16)) == 262)
        // 100 outputs of 4 taps: 6 + ceil(100/72)·4.
        #expect(TimingModel(config: .shipped("de1soc")).cycles(Self.globalPool(channels: 100, window: 2)) == 14)
    }
}
