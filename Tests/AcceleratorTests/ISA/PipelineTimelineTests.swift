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

    /// load → gemm → store chained by tokens: each starts when its token arrives.
    @Test func chainedProgram() throws {
        let stream = [
            Self.load(800, flags: DependencyFlags(pushNext: true)),                         // dispatch 1, runs 1..<217
            Self.gemm(outputs: 16, inputs: 16, pixels: 10, flags: DependencyFlags(popPrevious: true, pushNext: true)),  // 217..<231
            Self.store(80, flags: DependencyFlags(popPrevious: true)),                      // 231..<357
            .end(layer: 0),                                                                 // dispatch 4
        ]
        let timeline = try PipelineTimeline.schedule(stream, timing: Self.timing)
        #expect(timeline.events.map(\.start) == [1, 217, 231, 4])
        #expect(timeline.events.map(\.end) == [217, 231, 357, 4])
        #expect(timeline.events[1].stall == 215 && timeline.events[1].stallQueue == .loadToCompute)
        #expect(timeline.totalCycles == 357)
    }

    /// Two loads then two GEMMs: the second load overlaps the first GEMM (double buffering), and
    /// without tokens the GEMMs do not wait at all.
    @Test func loadsOverlapCompute() throws {
        let stream = [
            Self.load(800, flags: DependencyFlags(pushNext: true)),                          // 1..<217
            Self.gemm(outputs: 16, inputs: 16, pixels: 200, flags: DependencyFlags(popPrevious: true)),  // 217..<421
            Self.load(800, flags: DependencyFlags(pushNext: true)),                          // 217..<433
            Self.gemm(outputs: 16, inputs: 16, pixels: 200, flags: DependencyFlags(popPrevious: true)),  // 433..<637
            .end(layer: 0),
        ]
        let timeline = try PipelineTimeline.schedule(stream, timing: Self.timing)
        #expect(timeline.events.map(\.start) == [1, 217, 217, 433, 5])
        #expect(timeline.totalCycles == 637)
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
