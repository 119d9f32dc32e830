import Testing
@testable import Accelerator
import TestSupport

/// The timing model against cycle counts worked out by hand (docs/ISA.md, "Timing").
@Suite struct PipelineTimelineTests {
    /// vta: issue 1, DMA setup 16, DRAM latency 100, 8 B/cycle, pipeline 4, array 16×16×1×1.
    static let timing = TimingModel(config: .shipped("vta"))

    static func load(_ bytes: Int, flags: DependencyFlags = .none) -> Instruction {
        .load(LoadInstruction(dependencies: flags, layer: 0, buffer: .input, elementBytes: 1, dramAddress: 0, sramAddress: 0,
                              depth: 1, rows: 1, columns: bytes, dramPlaneStride: bytes, dramRowStride: bytes))
    }

    static func gemm(outputs: Int, inputs: Int, pixels: Int, flags: DependencyFlags = .none) -> Instruction {
        .gemm(GemmInstruction(dependencies: flags, layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 0,
                              inputPlanePitch: pixels, inputRowPitch: pixels, weightAddress: 0, accumulatorAddress: 0,
                              outputChannels: outputs, inputChannels: inputs, outputRows: 1, outputColumns: pixels,
                              kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1))
    }

    static func store(_ bytes: Int, flags: DependencyFlags = .none) -> Instruction {
        .store(StoreInstruction(dependencies: flags, layer: 0, elementBytes: 1, sramAddress: 0, dramAddress: 0, depth: 1, rows: 1,
                                columns: bytes, dramPlaneStride: bytes, dramRowStride: bytes))
    }

    @Test func singleInstructionCycles() {
        // 16 + 100 + ceil(1000 / 8) = 241.
        #expect(Self.timing.cycles(Self.load(1000)) == 241)
        // 4 + ceil(40/16)·ceil(20/16)·ceil(1/1)·ceil(7/1) = 4 + 3·2·1·7 = 46.
        #expect(Self.timing.cycles(Self.gemm(outputs: 40, inputs: 20, pixels: 7)) == 46)
        // 16 + 100 + ceil(17 / 8) = 119.
        #expect(Self.timing.cycles(Self.store(17)) == 119)
    }

    /// Fetch on vta: one 8-byte word a cycle from cycle 1, 8 words an instruction, 100 cycles of
    /// latency; instruction `k`'s words are requested in cycles `1 + 8k ..< 9 + 8k`, it is dispatched
    /// the cycle after they arrive and can start the cycle after that: `110 + 8k`. The ninth waits
    /// for the first to leave the 8-instruction window (dispatched in cycle 109): words 110..<118,
    /// start 219.
    @Test func fetchDispatchesAsTheWordsArrive() {
        #expect(Self.timing.dispatchCycles(count: 9) == [110, 118, 126, 134, 142, 150, 158, 166, 219])
        // The load unit has the read channel in cycles 5..<20: the first instruction's words are
        // requested in 1..<5 and 20..<24.
        #expect(Self.timing.dispatchCycles(count: 2, readChannelBusy: [5..<20]) == [125, 133])
        // 8 words, and 8 instructions per round trip of 8 + 100 + 1 cycles: ceil(109 / 8).
        #expect(Self.timing.fetchCyclesPerInstruction == 14)
    }

    /// load → gemm → store chained by tokens: each starts when its token arrives. END stops the
    /// machine 100 + 1 cycles after its dispatch (the words fetch requested beyond it return).
    @Test func chainedProgram() throws {
        let stream = [
            Self.load(800, flags: DependencyFlags(pushNext: true)),                         // dispatch 110, runs 110..<326
            Self.gemm(outputs: 16, inputs: 16, pixels: 10, flags: DependencyFlags(popPrevious: true, pushNext: true)),  // 326..<340
            Self.store(80, flags: DependencyFlags(popPrevious: true)),                      // 340..<466
            .end(layer: 0),                                                                 // dispatch 134, stops 235
        ]
        let timeline = try PipelineTimeline.schedule(stream, timing: Self.timing)
        #expect(timeline.events.map(\.start) == [110, 326, 340, 134])
        #expect(timeline.events.map(\.end) == [326, 340, 466, 235])
        #expect(timeline.events[1].stall == 208 && timeline.events[1].stallQueue == .loadToCompute)
        #expect(timeline.totalCycles == 466)
    }

    /// Two loads then two GEMMs: the second load overlaps the first GEMM (double buffering), and
    /// without tokens the GEMMs do not wait at all.
    @Test func loadsOverlapCompute() throws {
        let stream = [
            Self.load(800, flags: DependencyFlags(pushNext: true)),                          // 110..<326
            Self.gemm(outputs: 16, inputs: 16, pixels: 200, flags: DependencyFlags(popPrevious: true)),  // 326..<530
            Self.load(800, flags: DependencyFlags(pushNext: true)),                          // 326..<542
            Self.gemm(outputs: 16, inputs: 16, pixels: 200, flags: DependencyFlags(popPrevious: true)),  // 542..<746
            .end(layer: 0),
        ]
        let timeline = try PipelineTimeline.schedule(stream, timing: Self.timing)
        #expect(timeline.events.map(\.start) == [110, 326, 326, 542, 142])
        #expect(timeline.totalCycles == 746)
    }

    /// The load unit has the read channel first: a LOAD dispatched in cycle 110 requests its 100
    /// words in cycles 126..<226, so the eleventh instruction, whose words fetch may request from
    /// cycle 126 on (when the third was dispatched), gets them in 226..<234 and starts in 335, not 235.
    @Test func loadRequestsDelayTheFetchBehindThem() throws {
        let stream = [Self.load(800)] + Array(repeating: Self.gemm(outputs: 1, inputs: 1, pixels: 1), count: 9) + [.end(layer: 0)]
        let timeline = try PipelineTimeline.schedule(stream, timing: Self.timing)
        #expect(timeline.events[0].start == 110)
        #expect(timeline.events[9].start == 227)
        #expect(timeline.events[10].start == 335)
        #expect(timeline.totalCycles == 436)
    }

    @Test func deadlockNamesTheInstructionLayerAndQueue() {
        let stream = [Self.gemm(outputs: 1, inputs: 1, pixels: 1, flags: DependencyFlags(popPrevious: true)), .end(layer: 0)]
        #expect(throws: AcceleratorError.deadlock(instruction: 0, mnemonic: "GEMM", layer: "conv1", queue: "load→compute")) {
            try PipelineTimeline.schedule(stream, timing: Self.timing, layerNames: ["conv1"])
        }
    }

    @Test func malformedStreamsAreRefused() {
        #expect(throws: AcceleratorError.malformedStream(reason: "the stream has no END instruction")) {
            try PipelineTimeline.schedule([Self.load(8)], timing: Self.timing)
        }
        #expect(throws: AcceleratorError.illegalDependency(instruction: 0, layer: 0, mnemonic: "LOAD", bit: "pop-previous")) {
            try PipelineTimeline.schedule([Self.load(8, flags: DependencyFlags(popPrevious: true)), .end(layer: 0)], timing: Self.timing)
        }
    }
}
