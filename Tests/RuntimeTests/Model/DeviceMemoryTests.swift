import Testing
@testable import Runtime

@Suite struct DeviceMemoryTests {
    let site = InstructionSite(index: 7, instruction: .end(layer: 0), layerNames: ["conv1"])

    @Test func checksTheWholeFootprintOnce() throws {
        let memory = DeviceMemory(name: "input buffer", size: 100)
        // Span: 2·30 + 3·5 + 1·4 + 4 = 83 bytes, so 10..<93 fits and 22..<105 does not.
        try memory.check(address: 10, extents: [(3, 30), (4, 5), (2, 4)], elementBytes: 4, site: site)
        #expect(throws: RuntimeError.memoryOutOfBounds(instruction: 7, mnemonic: "END", layer: "conv1", memory: "input buffer",
                                                       address: 22, bytes: 83, size: 100)) {
            try memory.check(address: 22, extents: [(3, 30), (4, 5), (2, 4)], elementBytes: 4, site: site)
        }
        #expect(throws: RuntimeError.memoryOutOfBounds(instruction: 7, mnemonic: "END", layer: "conv1", memory: "input buffer",
                                                       address: -1, bytes: 1, size: 100)) {
            try memory.check(address: -1, extents: [(1, 1)], elementBytes: 1, site: site)
        }
        try memory.check(address: 500, extents: [(0, 1), (9, 9)], elementBytes: 1, site: site)
    }

    @Test func readsSignExtendedLittleEndianAndWrapsWhenWriting() {
        var memory = DeviceMemory(name: "DRAM", size: 16)
        memory.replace(at: 0, with: [0xFE, 0xFF, 0x34, 0x12, 0x80])
        #expect(memory.element(at: 0, width: 1) == -2)
        #expect(memory.element(at: 0, width: 2) == -2)
        #expect(memory.element(at: 2, width: 2) == 0x1234)
        #expect(memory.element(at: 4, width: 1) == -128)
        memory.setElement(0x1_0000_0005, at: 8, width: 4)
        #expect(memory.element(at: 8, width: 4) == 5)
        memory.accumulate([Int32.max, 1], at: 8, reset: false)
        #expect(memory.element(at: 8, width: 4) == Int64(Int32.min) + 4)
        #expect(memory.element(at: 12, width: 4) == 1)
        memory.accumulate([Int64(-3)], at: 12, width: 2, reset: false)
        #expect(memory.element(at: 12, width: 2) == -2)
    }
}
