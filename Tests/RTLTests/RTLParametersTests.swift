import Accelerator
import RTL
import Testing

/// The parameters of the de1soc preset (Sources/Accelerator/Presets/20-de1soc.json, by hand), zc706's
/// memory ports, and the configs the memory port refuses.
struct RTLParametersTests {
    @Test func de1socParameters() throws {
        let parameters = try RTLParameters(config: try HardwareConfig.load(target: "de1soc"))
        #expect([parameters.po, parameters.pi, parameters.pk, parameters.pp] == [6, 1, 1, 12])
        #expect(parameters.inputBufferBytes == 163840 && parameters.accumulatorBufferBytes == 37888)
        #expect(parameters.dramBusBits == 64 && parameters.dramLatencyCycles == 60 && parameters.dramMillibytesPerCycle == 8000)
        #expect(parameters.dramPorts == 1)
        #expect(parameters.dmaSetupCycles == 16 && parameters.computePipelineCycles == 6 && parameters.issueCycles == 1)
        // de1soc-q10 stores int32 values and sums in 64 bits.
        #expect(parameters.elementBytes == 4 && parameters.accumulatorEntryBytes == 8)
        #expect(parameters.named.first?.name == "PO" && parameters.named.count == 17)
    }

    @Test func vtaStoresBytes() throws {
        let parameters = try RTLParameters(config: try HardwareConfig.load(target: "vta"))
        #expect(parameters.elementBytes == 1 && parameters.accumulatorEntryBytes == 4)
    }

    /// zc706's 28 B/cycle on a 64-bit bus: four ports of 8 bytes a direction.
    @Test func zc706HasFourPorts() throws {
        let parameters = try RTLParameters(config: try HardwareConfig.load(target: "zc706"))
        #expect(parameters.dramPorts == 4 && parameters.dramBusBits == 64 && parameters.dramMillibytesPerCycle == 28000)
    }

    @Test func refusesABusTheMemoryPortCannotCarry() throws {
        var config = try HardwareConfig.load(target: "de1soc")
        config.dram.busWidthBits = 256
        #expect(throws: RTLError.unsupportedBusWidth(config: "de1soc", bits: 256)) { try RTLParameters(config: config) }
        config.dram.busWidthBits = 64
        config.dram.bytesPerCycle = 129
        #expect(throws: RTLError.tooManyDRAMPorts(config: "de1soc", ports: 17, maximum: 16)) { try RTLParameters(config: config) }
        config.dram.bytesPerCycle = 128
        #expect(try RTLParameters(config: config).dramPorts == 16)
        config.buffers.removeAll { $0.role == .accumulator }
        #expect(throws: RTLError.missingBuffer(config: "de1soc", role: "accumulator")) { try RTLParameters(config: config) }
    }
}
