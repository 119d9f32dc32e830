import Accelerator
@testable import Cosimulation
import TestSupport
import Testing

/// The on-chip layer comparison: which instruction a layer's snapshot follows, the bytes it asks the
/// simulator for, and how the copy is read back, against layouts worked out by hand.
struct OnChipSnapshotTests {
    /// `[1][2][2][3]` one-byte values at input-buffer 5, planes 10 and rows 4 elements apart.
    private let tensor = SRAMTensor(buffer: .input, address: 5, planePitch: 10, rowPitch: 4, dims: [1, 2, 2, 3], elementBytes: 1)

    /// Layer `resident` (LOAD, ALU, load-unit SYNC) keeps `tensor` on chip; layer `stored` writes DRAM.
    private var program: AcceleratorProgram {
        let copy = Instruction.alu(ALUInstruction(
            layer: 0, elementBytes: 1, operation: .clamp, inputAddress: 0, inputPlanePitch: 6, inputRowPitch: 3, channels: 2,
            rows: 2, columns: 3, tableAddress: 0, clampLow: -128, clampHigh: 127,
            destination: StridedDestination(buffer: .input, address: 5, planePitch: 10, rowPitch: 4)))
        let instructions: [Instruction] = [
            AcceleratorFixtures.flatLoad(.input, dramAddress: 0, sramAddress: 0, count: 12), copy,
            .sync(SyncInstruction(dependencies: .none, layer: 0, unit: .load)),
            AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: 16, count: 4).inLayer(1), .end(layer: 1),
        ]
        let output = DRAMTensor(name: "y", address: 16, dims: [4], elementBytes: 1)
        let layers = [
            ProgramLayer(name: "resident", op: "alu", firstInstruction: 0, instructionCount: 3, dramOutput: nil, sramOutput: tensor,
                         macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 0, tiling: ""),
            ProgramLayer(name: "stored", op: "store", firstInstruction: 3, instructionCount: 1, dramOutput: output, sramOutput: nil,
                         macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 0, tiling: ""),
        ]
        return AcceleratorProgram(instructions: instructions, layers: layers, constants: [], dramBytes: 32,
                                  input: DRAMTensor(name: "x", address: 0, dims: [12], elementBytes: 1), outputs: [output],
                                  elementBytes: 1, accumulatorBytes: 4)
    }

    @Test func followsTheLayersLastComputeInstruction() throws {
        let program = self.program
        let snapshot = try #require(OnChipSnapshot(program.layers[0], in: program))
        #expect(snapshot.instruction == 1)
        #expect(snapshot.bytes == 10 + 4 + 3)
        #expect(snapshot.request == "1 0 5 17")
        #expect(OnChipSnapshot(program.layers[1], in: program) == nil, "a DRAM output is compared in DRAM")
    }

    @Test func readsTheCopyThroughThePitches() throws {
        let program = self.program
        let snapshot = try #require(OnChipSnapshot(program.layers[0], in: program))
        let values: [Int32] = [1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6]
        // Element [p][r][c] at byte 10p + 4r + c of the 17-byte copy; the gaps hold 0x55.
        var copy = [UInt8](repeating: 0x55, count: 17)
        for (index, value) in values.enumerated() {
            copy[10 * (index / 6) + 4 * (index / 3 % 2) + index % 3] = UInt8(truncatingIfNeeded: value)
        }
        #expect(snapshot.difference(expected: values, copy: copy[...]) == nil)
        copy[11] = 0x00
        #expect(snapshot.difference(expected: values, copy: copy[...])
                == "layer resident (on chip) differs at byte 7 (element 7, input buffer 0x10): model 0xfe, RTL 0x0")
    }
}
