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
}
