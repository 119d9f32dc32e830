import TestSupport
import Testing
@testable import Runtime

@Suite struct EnergyReportTests {
    @Test func splitsEnergyByMACsSRAMDRAMAndStaticPower() {
        var counters = ExecutionCounters()
        counters.macs = 2160
        counters.dramBytesRead = 216
        counters.dramBytesWritten = 80
        counters.recordSRAMRead(.input, bytes: 1000)
        counters.recordSRAMWrite(.accumulator, bytes: 364)
        // Multiply 0.2 + add 0.1 pJ; 10 pJ per 8 bytes; 20 pJ per bit; 100 mW at 100 MHz = 1000 pJ per cycle.
        let energy = EnergyReport(counters: counters, cycles: 500, config: AcceleratorFixtures.config)
        #expect(abs(energy.macPJ - 648) < 1e-9)
        #expect(abs(energy.sramPJ - 1705) < 1e-9)
        #expect(abs(energy.dramPJ - 47_360) < 1e-9)
        #expect(abs(energy.staticPJ - 500_000) < 1e-6)
        #expect(abs(energy.totalPJ - 549_713) < 1e-6)
    }

    @Test func theRunReportsTheEnergyOfItsCountersAndCycles() throws {
        let tile = ConvTile(seed: 1)
        let run = try AcceleratorModel(program: tile.program, config: AcceleratorFixtures.config).run(input: tile.input)
        #expect(run.energy == EnergyReport(counters: run.counters, cycles: run.totalCycles, config: AcceleratorFixtures.config))
        #expect(abs(run.energy.staticPJ - 1000 * Double(run.totalCycles)) < 1e-6)
    }
}
