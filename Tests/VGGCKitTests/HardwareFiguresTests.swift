import Testing
import VGGCKit

@Suite struct HardwareFiguresTests {
    /// One LeNet image on `de1soc` (100 MHz, 72 MACs/cycle): latency, utilisation and throughput
    /// follow from cycles, MACs and the clock.
    @Test func figuresFollowFromTheCounts() throws {
        let session = try Session(model: try KitFixtures.compiledLeNet.get())
        let run = try session.run(imageAt: KitFixtures.testImages.appendingPathComponent("0002_0.png")).run
        let statistics = session.statistics(of: run)
        let figures = HardwareFigures(statistics: statistics, config: session.model.config)
        #expect(figures.target == "de1soc" && figures.clockMHz == 100 && figures.macsPerCycle == 72)
        #expect(figures.cycles == statistics.total.cycles && figures.cycles > 0)
        #expect(figures.macs == statistics.rows.map(\.macs).reduce(0, +))
        #expect(abs(figures.latencyMicroseconds - Double(figures.cycles) / 100) < 1e-9)
        #expect(abs(figures.peUtilisation - Double(figures.macs) / Double(figures.cycles * 72)) < 1e-12)
        #expect(abs(figures.imagesPerSecond - 100e6 / Double(figures.cycles)) < 1e-6)
        #expect(figures.dramBytesRead == statistics.total.dramBytesRead)
    }
}
