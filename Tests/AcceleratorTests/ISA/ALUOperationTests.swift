import Accelerator
import Quantization
import Testing

@Suite struct ALUOperationTests {
    /// The table sizes docs/ISA.md states: one int8 entry per int8 input, and the de1soc-q10
    /// sigmoid's knots (32 segments on [0, 8], so 33) as little-endian int32.
    @Test func tableSizes() {
        #expect(ALUOperation.lookupTable.table == (entries: 256, entryBytes: 1))
        #expect(ALUOperation.lookupTable.tableBytes == 256)
        #expect(ALUOperation.piecewiseLinearSigmoid.table == (entries: PiecewiseLinearSigmoid.knots.count, entryBytes: 4))
        #expect(ALUOperation.piecewiseLinearSigmoid.tableBytes == 33 * 4)
        #expect(ALUOperation.clamp.tableBytes == 0)
    }

    /// The instruction's memory footprint reads exactly the table from the weight buffer.
    @Test func footprintReadsTheTable() {
        for operation in ALUOperation.allCases {
            let alu = ALUInstruction(layer: 0, elementBytes: 1, operation: operation, inputAddress: 0, inputPlanePitch: 4,
                                     inputRowPitch: 2, channels: 1, rows: 2, columns: 2, tableAddress: 64, clampLow: -128,
                                     clampHigh: 127, destination: StridedDestination(buffer: .output, address: 0, planePitch: 4,
                                                                                     rowPitch: 2))
            let reads = Instruction.alu(alu).memoryAccesses.filter { $0.space == .sram(.weight) }
            #expect(reads.map(\.bytes) == [64..<(64 + operation.tableBytes)].filter { !$0.isEmpty }, "\(operation)")
        }
    }
}
