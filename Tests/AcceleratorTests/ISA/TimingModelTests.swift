import Testing
@testable import Accelerator
import IR
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

    @Test func paddingIsWrittenInChunksAPortACycle() {
        let zc706 = TimingModel(config: .shipped("zc706"))
        // Padding only: 2 planes of a 2×6 box, 24 bytes, 3 bus widths on 4 ports: 16 + 1.
        #expect(zc706.cycles(.load(Self.paddedLoad(depth: 2, rows: 0, columns: 4, pads: (1, 1, 1, 1)))) == 17)
        // One byte read under 60 and above 60 padding rows of a 1-column box: two gaps of 60 bytes,
        // 8 words each, 4 a cycle: 4 cycles, hidden by the transfer (16 + 120 + 1).
        let tall = Self.paddedLoad(depth: 1, rows: 1, columns: 1, pads: (60, 60, 0, 0))
        #expect(zc706.padFillWords(tall) == 16)
        #expect(zc706.padFillCycles(tall) == 4)
        #expect(zc706.cycles(.load(tall)) == 137)
        // 3 planes of 4 rows of 20 bytes with 10 columns of padding each side on vta (8-byte words,
        // one port): the first gap 40 + 10 bytes (7 words), 9 gaps of 20 between rows (3 each), 2 of
        // 10 + 80 + 10 between planes (13 each), the last 10 + 40 (7): 67.
        // A depthwise tile on zc706 (docs/ISA.md, "Timing"): 16 planes of 9 rows of 8 bytes, a padding row above and a column each
        // side; gaps of 11 bytes (2 words), 16 · 8 of 2 (1 each), 15 of 12 between planes (2 each), the last of 1: 161 words.
        let tile = Self.paddedLoad(depth: 16, rows: 9, columns: 8, pads: (1, 0, 1, 1))
        #expect(zc706.padFillWords(tile) == 161)
        #expect(zc706.padFillCycles(tile) == 41)
        let vta = TimingModel(config: .shipped("vta"))
        #expect(vta.padFillCycles(Self.paddedLoad(depth: 3, rows: 4, columns: 20, pads: (1, 1, 10, 10))) == 67)
    }

    /// `padFillWords` against a walk over every element of the box: the runs of padding elements
    /// back to back in SRAM, each in chunks of a bus width from its start.
    @Test(arguments: 0..<40)
    func padFillWordsAreTheChunksOfEveryPaddingRun(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let timing = TimingModel(config: .shipped(seed % 2 == 0 ? "zc706" : "zcu102"))
        let elementBytes = [1, 2, 4, 8][Int(random.next() % 4)]
        let pads = (top: Int(random.next() % 4), bottom: Int(random.next() % 4), left: Int(random.next() % 3), right: Int(random.next() % 3))
        var load = Self.paddedLoad(depth: 1 + Int(random.next() % 3), rows: 1 + Int(random.next() % 5),
                                   columns: 1 + Int(random.next() % 12), pads: pads)
        load.elementBytes = elementBytes
        var words = 0, run = 0
        for _ in 0..<load.depth { for row in 0..<load.boxRows { for column in 0..<load.boxColumns {
            let padding = !(load.padTop..<(load.padTop + load.rows)).contains(row) || !(load.padLeft..<(load.padLeft + load.columns)).contains(column)
            if padding { run += elementBytes } else { words += (run + timing.busBytes - 1) / timing.busBytes; run = 0 }
        } } }
        words += (run + timing.busBytes - 1) / timing.busBytes
        #expect(timing.padFillWords(load) == words, "\(load)")
        #expect(timing.padFillCycles(load) == (words + timing.config.dram.ports - 1) / timing.config.dram.ports)
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
