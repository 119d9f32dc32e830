import TestSupport
import Foundation
@testable import Runtime
import Testing
import Accelerator

/// Per-layer statistics of a two-layer conv tile program against hand-computed figures.
@Suite struct LayerStatisticsTests {
    let config = AcceleratorFixtures.config
    let tile = ConvTile(seed: 3)

    /// The conv tile split into a `conv` layer (loads, GEMM, POST) and a `copy` layer (STORE, END),
    /// with roofline bounds of 100 and 0 cycles.
    var program: AcceleratorProgram {
        var program = tile.program
        program.layers = [
            ProgramLayer(name: "conv", op: "conv", firstInstruction: 0, instructionCount: 4, dramOutput: nil, sramOutput: nil,
                         macs: 0, modeledCycles: 0, rooflineCycles: 100, dramBytes: 0, compulsoryBytes: 90, tiling: ""),
            ProgramLayer(name: "copy", op: "store", firstInstruction: 4, instructionCount: 2, dramOutput: tile.outputTensor,
                         sramOutput: nil, macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 80, tiling: ""),
        ]
        program.instructions[4] = tile.store(tokens: AcceleratorFixtures.popPrevious).inLayer(1)
        program.instructions[5] = .end(layer: 1)
        return program
    }

    @Test func rowsFollowTheLayerTableWithHandComputedFigures() throws {
        let program = self.program
        let run = try AcceleratorModel(program: program, config: config).run(input: tile.input)
        let statistics = LayerStatistics(program: program, config: config, run: run)
        #expect(statistics.rows.map(\.name) == ["conv", "copy"])
        #expect(statistics.rows.map(\.op) == ["conv", "store"])
        let events = run.timeline.events
        let convEnd = events[0...3].map(\.end).max()!
        let copyEnd = max(convEnd, events[4].end)
        #expect(statistics.rows.map(\.cycles) == [convEnd, copyEnd - convEnd])
        let conv = statistics.rows[0]
        let macs = tile.outputChannels * tile.channels * 9 * tile.pixels
        #expect(conv.macs == macs)
        // The 2×2×1×2 array does 8 MACs a cycle.
        #expect(conv.peUtilisation == Double(macs) / Double(convEnd * 8))
        #expect(conv.rooflineRatio == Double(convEnd) / 100)
        #expect(statistics.rows[1].rooflineRatio == nil)
        #expect(conv.compulsoryBytes == 90)
        #expect(conv.dramBytesRead == tile.constants.count + tile.channels * tile.pixels)
        #expect(conv.dramBytesWritten == 0)
        #expect(statistics.rows[1].dramBytesWritten == tile.outputChannels * tile.pixels)
        // The GEMM waits on the input load (load→compute); the STORE on the POST (compute→store).
        #expect(conv.stalls.compute == events[2].stall + events[3].stall)
        #expect(conv.stalls.loadToCompute == events[2].stall)
        #expect(statistics.rows[1].stalls.store == events[4].stall)
        #expect(statistics.rows[1].stalls.computeToStore == events[4].stall)
        #expect(abs(conv.energy.mac - Double(macs) * 0.3 / 1e6) < 1e-12)
        #expect(abs(conv.energy.static - 100 * Double(convEnd) / 100 * 1000 / 1e6) < 1e-12)
    }

    @Test func theTotalRowCoversTheWholeRun() throws {
        let program = self.program
        let run = try AcceleratorModel(program: program, config: config).run(input: tile.input)
        let statistics = LayerStatistics(program: program, config: config, run: run)
        let total = statistics.total
        #expect(total.cycles == run.totalCycles)
        #expect(total.rooflineCycles == 100)
        #expect(total.compulsoryBytes == 170)
        #expect(total.macs == statistics.rows.map(\.macs).reduce(0, +))
        #expect(total.dramBytes == statistics.rows.map(\.dramBytes).reduce(0, +))
        #expect(total.stalls.total == run.timeline.events.map(\.stall).reduce(0, +))
        #expect(total.peUtilisation > 0 && total.peUtilisation <= 1)
        let parts = total.energy.mac + total.energy.sram + total.energy.dram + total.energy.static
        #expect(abs(parts - total.energy.total) < 1e-12)
        #expect(abs(total.energy.dram - Double(total.dramBytes) * 8 * 20 / 1e6) < 1e-12)
    }

    @Test func utilisationOfNoCyclesIsZero() {
        #expect(LayerStatistics.peUtilisation(macs: 0, cycles: 0, config: config) == 0)
        #expect(LayerStatistics.peUtilisation(macs: 80, cycles: 20, config: config) == 0.5)
    }
}
