import Accelerator
import TestSupport
import Testing

/// `DRAMInterface.ports` against the smallest port count whose words cover the bandwidth, counted up.
struct DRAMInterfaceTests {
    @Test(arguments: [8, 16, 32, 64, 128])
    func portsCoverTheBandwidth(busWidthBits: Int) {
        for bytesPerCycle in [0.5, 1, 3.2, 4, 7.99, 8, 8.01, 16, 21.33, 28, 32, 96, 100] {
            let dram = DRAMInterface(bytesPerCycle: bytesPerCycle, latencyCycles: 1, busWidthBits: busWidthBits)
            var ports = 1
            while Double(ports * busWidthBits / 8) < bytesPerCycle { ports += 1 }
            #expect(dram.ports == ports, "\(bytesPerCycle) B/cycle on \(busWidthBits) bits")
        }
    }

    /// zc706's 28 B/cycle on a 64-bit bus takes four ports (Qiu et al.'s board has four 64-bit HP
    /// ports), zcu102's 96 B/cycle on a 128-bit bus six; the 8 B/cycle presets one.
    @Test func presetsPorts() {
        for (name, ports) in [("seed000", 1), ("de1soc", 1), ("vta", 1), ("zc706", 4), ("zcu102", 6)] {
            #expect(HardwareConfig.shipped(name).dram.ports == ports, "\(name)")
        }
    }
}
