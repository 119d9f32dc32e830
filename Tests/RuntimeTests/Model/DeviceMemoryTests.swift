import IR
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
        memory.accumulate([Int64(Int32.max), 1], at: 8, width: 4, reset: false)
        #expect(memory.element(at: 8, width: 4) == Int64(Int32.min) + 4)
        #expect(memory.element(at: 12, width: 4) == 1)
        memory.accumulate([Int64(-3)], at: 12, width: 2, reset: false)
        #expect(memory.element(at: 12, width: 2) == -2)
        #expect(memory.values(at: 0, columns: 3, width: 1) == [-2, -1, 0x34])
        #expect(memory.values(at: 1, columns: 2, width: 2) == [0x34FF, -0x7FEE])
        #expect(memory.values(at: 8, columns: 2, width: 4) == [Int32.min + 4, 0xFFFE])
        #expect(memory.values(at: 0, columns: 1, width: 8) == [0x1234_FFFE])
        #expect(memory.values(at: 0, planes: 2, planePitch: 8, rows: 2, rowPitch: 2, columns: 1, width: 1) == [-2, 0x34, 4, 0])
    }

    /// Rows of every length the copy treats differently (1...3, 4...7, 8...15, 16...32, longer),
    /// between strided boxes, against a byte-by-byte copy; nothing around the rows is touched.
    @Test(arguments: [1, 3, 4, 7, 8, 15, 16, 17, 32, 33, 100])
    func copiesStridedRowsOfAnyLength(rowBytes: Int) {
        var generator = SeededGenerator(seed: UInt64(rowBytes))
        var source = DeviceMemory(name: "DRAM", size: 2000)
        source.replace(at: 0, with: (0..<2000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var copied = DeviceMemory(name: "input buffer", size: 1500)
        copied.replace(at: 0, with: [UInt8](repeating: 0xEE, count: 1500))
        var expected = copied
        let (planes, rows) = (3, 2)
        for plane in 0..<planes {
            for row in 0..<rows {
                for byte in 0..<rowBytes {
                    expected.setElement(Int64(source.bytes[5 + plane * 600 + row * 250 + byte]),
                                        at: 9 + plane * 2 * (rowBytes + 3) + row * (rowBytes + 3) + byte, width: 1)
                }
            }
        }
        copied.copyRows(from: source, at: 5, planeStride: 600, rowStride: 250, to: 9, planePitch: 2 * (rowBytes + 3),
                        rowPitch: rowBytes + 3, planes: planes, rows: rows, rowBytes: rowBytes)
        #expect(copied.bytes == expected.bytes)
        var contiguous = DeviceMemory(name: "output buffer", size: 1500)
        contiguous.copyRows(from: source, at: 5, planeStride: 2 * rowBytes, rowStride: rowBytes, to: 1, planePitch: 2 * rowBytes,
                            rowPitch: rowBytes, planes: planes, rows: rows, rowBytes: rowBytes)
        #expect(Array(contiguous.bytes[1..<(1 + 6 * rowBytes)]) == Array(source.bytes[5..<(5 + 6 * rowBytes)]))
        #expect(contiguous.bytes[0] == 0 && contiguous.bytes[1 + 6 * rowBytes] == 0)
    }

    /// A restored range holds the image's bytes where the image reaches, zeros past it.
    @Test func restoresTheImageAndZerosPastIt() {
        var memory = DeviceMemory(name: "DRAM", size: 12)
        memory.replace(at: 0, with: [UInt8](repeating: 9, count: 12))
        memory.restore(2..<10, from: [1, 2, 3, 4, 5, 6])
        #expect(memory.bytes == [9, 9, 3, 4, 5, 6, 0, 0, 0, 0, 9, 9])
    }
}
