import TestSupport
import Testing
@testable import Runtime

@Suite struct ExecutionCountersTests {
    /// The conv tile (C 3, M 4, 4×5 pixels, 3×3, pad 1) counted by hand.
    @Test func countsTheConvTile() throws {
        let tile = ConvTile(seed: 1)
        let counters = try AcceleratorModel(program: tile.program, config: AcceleratorFixtures.config).run(input: tile.input).counters
        #expect(counters.macs == 4 * 3 * 9 * 20)
        #expect(counters.dramBytesRead == (108 + 4 * 12) + 3 * 20)
        #expect(counters.dramBytesWritten == 4 * 20)
        // Input box 3 × 6 × 7, written by the LOAD and read by the GEMM.
        #expect(counters.sramBytesWritten(.input) == 126 && counters.sramBytesRead(.input) == 126)
        // Weights and records written once; the GEMM reads the weights, the POST the records.
        #expect(counters.sramBytesWritten(.weight) == 156 && counters.sramBytesRead(.weight) == 108 + 48)
        // 80 int32 accumulators written by the resetting GEMM and read by the POST.
        #expect(counters.sramBytesWritten(.accumulator) == 320 && counters.sramBytesRead(.accumulator) == 320)
        #expect(counters.sramBytesWritten(.output) == 80 && counters.sramBytesRead(.output) == 80)
        #expect(counters.sramBytes == 1364)
    }

    @Test func addingSumsEveryCount() {
        var a = ExecutionCounters()
        a.macs = 5
        a.recordSRAMRead(.weight, bytes: 7)
        a.recordStall(unit: .compute, queue: .loadToCompute, cycles: 3)
        var b = a
        b.dramBytesWritten = 2
        b.recordStall(unit: .store, queue: nil, cycles: 4)
        b.add(a)
        #expect(b.macs == 10 && b.sramBytesRead(.weight) == 14 && b.sramBytesRead(.input) == 0 && b.dramBytes == 2)
        #expect(b.stallCycles(of: .compute) == 6 && b.stallCycles(of: .store) == 4 && b.stallCycles(waitingOn: .loadToCompute) == 6)
    }
}
