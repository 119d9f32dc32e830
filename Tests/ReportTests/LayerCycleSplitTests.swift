import Runtime
import Testing
import Accelerator
@testable import Report

@Suite struct LayerCycleSplitTests {
    /// Cycle by cycle: busy when a compute instruction runs, DMA-bound when one waits on a token from
    /// the load or store unit, else other.
    static func naiveSplits(program: AcceleratorProgram, run: AcceleratorRun) -> [LayerCycleSplit] {
        let compute = program.instructions.indices.filter { program.instructions[$0].unit == .compute }.map { run.timeline.events[$0] }
        var start = 0
        return run.layerCycles.map { cycles in
            defer { start += cycles }
            var split = LayerCycleSplit(computeBusy: 0, dmaBound: 0, otherStalls: 0)
            for cycle in start..<(start + cycles) {
                if compute.contains(where: { $0.start <= cycle && cycle < $0.end }) {
                    split.computeBusy += 1
                } else if compute.contains(where: { $0.start - $0.stall <= cycle && cycle < $0.start
                                                     && ($0.stallQueue == .loadToCompute || $0.stallQueue == .storeToCompute) }) {
                    split.dmaBound += 1
                } else {
                    split.otherStalls += 1
                }
            }
            return split
        }
    }

    @Test func splitsMatchACycleByCycleCountAndAddUpToTheLayerCycles() throws {
        let program = ReportFixtures.program()
        let run = try ReportFixtures.run(program)
        let splits = LayerCycleSplit.splits(program: program, timeline: run.timeline, layerCycles: run.layerCycles)
        #expect(splits == Self.naiveSplits(program: program, run: run))
        #expect(splits.map(\.total) == run.layerCycles)
        // The GEMM waits for the input load, so the conv layer is partly DMA-bound; the copy layer
        // has no compute work: its cycles are the draining store.
        let events = run.timeline.events
        #expect(events[2].stall > 0 && splits[0].dmaBound == events[2].stall)
        #expect(splits[0].computeBusy == (events[2].end - events[2].start) + (events[3].end - events[3].start))
        #expect(splits[1].computeBusy == 0 && splits[1].dmaBound == 0 && splits[1].otherStalls == run.layerCycles[1])
    }

    @Test func oneLayerHoldingEverythingGetsTheWholeRun() throws {
        let program = ReportFixtures.tile.program
        let run = try ReportFixtures.run(program)
        let splits = LayerCycleSplit.splits(program: program, timeline: run.timeline, layerCycles: run.layerCycles)
        #expect(splits.count == 1 && splits[0].total == run.totalCycles)
        #expect(splits == Self.naiveSplits(program: program, run: run))
    }
}
