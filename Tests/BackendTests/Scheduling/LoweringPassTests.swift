@testable import Backend
import Testing
import Accelerator

@Suite struct LoweringPassTests {
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        try SchedulingGolden.check(.lower, testCase)
    }

    /// The stream's token pushes and pops balance per queue (the barrier's last token aside), and
    /// the load unit only reuses a slot after compute released it.
    @Test func tokensBalance() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 4, weight: 8, accumulator: 4, output: 2))
        var pushes = [Int](repeating: 0, count: 4), pops = [Int](repeating: 0, count: 4)
        for (index, instruction) in try program.instructions.value.enumerated() {
            for queue in try instruction.pushedQueues(index: index) { pushes[queue.rawValue] += 1 }
            for queue in try instruction.poppedQueues(index: index) { pops[queue.rawValue] += 1 }
        }
        #expect(pushes[TokenQueue.loadToCompute.rawValue] == pops[TokenQueue.loadToCompute.rawValue])
        #expect(pushes[TokenQueue.computeToStore.rawValue] == pops[TokenQueue.computeToStore.rawValue])
        #expect(pushes[TokenQueue.computeToLoad.rawValue] == pops[TokenQueue.computeToLoad.rawValue])
        #expect(pushes[TokenQueue.storeToCompute.rawValue] >= pops[TokenQueue.storeToCompute.rawValue])
        #expect(pops[TokenQueue.computeToLoad.rawValue] > program.layers.count, "small buffers should force slot reuse")
    }

    /// Each layer's counted instructions are the ones it appends (with and without the barriers), so
    /// the stream is allocated at its size.
    @Test func countsWhatItAppends() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 4, weight: 8, accumulator: 4, output: 2))
        var layers = 0
        for index in program.layers.indices {
            guard var lowering = try LayerLowering(program: program, index: index) else { continue }
            let stream = try lowering.lower()
            for (after, before) in [(false, false), (true, false), (false, true), (true, true)] {
                var appended: [Instruction] = []
                stream.append(to: &appended, afterLayer: after, beforeLayer: before)
                #expect(stream.instructionCount(afterLayer: after, beforeLayer: before) == appended.count)
            }
            layers += 1
        }
        #expect(layers > 1)
    }

    /// The loads of a layer that come before its barrier `SYNC` (the prefetch) read only the
    /// constant image and write only weight-buffer bytes that the previous layer's instructions do
    /// not touch.
    @Test func prefetchedLoadsReadConstantsIntoFreeSlots() throws {
        let config = SchedulingFixtures.config(input: 32, weight: 64, accumulator: 16, output: 16)
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), config)
        let instructions = try program.instructions.value
        let constants = 0..<(try program.dram.value.constants.count)
        let ranges = try program.layers.map { try $0.instructions.value }.filter { !$0.isEmpty }
        var prefetched = 0
        for (previous, current) in zip(ranges, ranges.dropFirst()) {
            let barrier = try #require(current.first { index in
                if case .sync(let sync) = instructions[index], sync.unit == .load { return true } else { return false }
            })
            let previousWeights = instructions[previous].flatMap(\.memoryAccesses).filter { $0.space == .sram(.weight) }
            for index in current.lowerBound..<barrier {
                guard case .load(let load) = instructions[index] else { continue }
                prefetched += 1
                let accesses = instructions[index].memoryAccesses
                #expect(load.buffer == .weight)
                #expect(accesses.filter { $0.space == .dram }.allSatisfy { constants.contains($0.bytes.lowerBound) && $0.bytes.upperBound <= constants.upperBound })
                let written = try #require(accesses.first { $0.isWrite }).bytes
                #expect(!previousWeights.contains { $0.bytes.overlaps(written) }, "load \(index) overwrites the previous layer's weights")
            }
        }
        #expect(prefetched >= 2, "conv2's and the classifier's first constants")
    }
}
