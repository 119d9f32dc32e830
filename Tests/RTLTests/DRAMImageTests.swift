import Accelerator
import Cosimulation
import TestSupport
import Testing

/// The DRAM image the RTL starts from, against a layout worked out by hand.
struct DRAMImageTests {
    @Test func constantsInputAndStream() throws {
        let program = AcceleratorFixtures.program(
            [AcceleratorFixtures.flatLoad(.input, dramAddress: 8, sramAddress: 0, count: 2, width: 4), .end(layer: 0)],
            constants: [1, 2, 3], dramBytes: 100,
            input: DRAMTensor(name: "x", address: 8, dims: [2], elementBytes: 4),
            outputs: [DRAMTensor(name: "y", address: 16, dims: [1], elementBytes: 4)], elementBytes: 4)
        let image = try DRAMImage(program: program, input: [-2, 0x0102_0304])
        #expect(image.streamAddress == 128)
        #expect(image.bytes.count == 128 + 2 * 64)
        #expect(Array(image.bytes[0..<3]) == [1, 2, 3])
        #expect(Array(image.bytes[8..<16]) == [0xFE, 0xFF, 0xFF, 0xFF, 0x04, 0x03, 0x02, 0x01])
        #expect(image.bytes[128] == 1, "LOAD's opcode")
        #expect(image.bytes[192] == 8, "END's opcode")
    }
}
