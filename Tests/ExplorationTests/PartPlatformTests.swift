import Accelerator
import Exploration
import Resources
import Testing

@Suite struct PartPlatformTests {
    @Test func everyCataloguePartHasABoardWithAShippedBaseline() throws {
        for part in FPGAPart.catalogue {
            let platform = try PartPlatform.platform(for: part)
            #expect(HardwareConfig.preset(named: platform.baseline) != nil)
        }
    }

    /// ZC706 at 150 MHz: 4.2 GB/s is 28 bytes a cycle, so four 64-bit ports (32 bytes) are capped at
    /// 28; the DRAM latency is the zc706 preset's 120 cycles at its own 150 MHz.
    @Test func dramChoicesAreThePortsCappedByThePeak() throws {
        let zc706 = try PartPlatform.platform(for: try FPGAPart.named("xc7z045"))
        #expect(zc706.dramChoices(clockMHz: 150).map(\.bytesPerCycle) == [8, 16, 28])
        #expect(zc706.dramChoices(clockMHz: 150).allSatisfy { $0.latencyCycles == 120 && $0.busWidthBits == 64 })
        // At 300 MHz the peak is 14 bytes a cycle: two ports already reach it, four add nothing.
        #expect(zc706.dramChoices(clockMHz: 300).map(\.bytesPerCycle) == [8, 14])
        #expect(zc706.dramChoices(clockMHz: 300)[0].latencyCycles == 240)
        let zcu102 = try PartPlatform.platform(for: try FPGAPart.named("xczu9eg"))
        #expect(zcu102.dramChoices(clockMHz: 200).map(\.bytesPerCycle) == [16, 32, 64, 96])
    }
}
