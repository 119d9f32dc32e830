@testable import Runtime
import TestSupport
import Accelerator


/// A one-instruction compute program for the post-processing tests: LOAD a `[C, H, W]` input
/// (with padding) into the input buffer, optionally LOAD a table into the weight buffer, run the
/// compute instruction, STORE its contiguous result.
struct ElementwiseProgram {
    var channels: Int
    var rows: Int
    var columns: Int
    var width = 1
    var pads = (top: 0, bottom: 0, left: 0, right: 0)
    var padValue: Int32 = 0
    var table: [UInt8] = []

    static let inputAddress = 512
    static let outputAddress = 1024

    /// The program around `compute`, which writes `outputs` values to the output buffer at 0.
    func program(_ compute: Instruction, outputs: Int) -> AcceleratorProgram {
        var instructions: [Instruction] = []
        if !table.isEmpty {
            instructions.append(AcceleratorFixtures.flatLoad(.weight, dramAddress: 0, sramAddress: 0, count: table.count))
        }
        instructions.append(.load(LoadInstruction(
            dependencies: AcceleratorFixtures.pushNext, layer: 0, buffer: .input, elementBytes: width,
            dramAddress: Self.inputAddress, sramAddress: 0, depth: channels, rows: rows, columns: columns,
            dramPlaneStride: rows * columns * width, dramRowStride: columns * width, padTop: pads.top,
            padBottom: pads.bottom, padLeft: pads.left, padRight: pads.right, padValue: padValue)))
        var compute = compute
        compute.dependencies = AcceleratorFixtures.popPreviousPushNext
        instructions += [compute,
                         AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: Self.outputAddress, count: outputs,
                                                       width: width, tokens: AcceleratorFixtures.popPrevious),
                         .end(layer: 0)]
        return AcceleratorFixtures.program(
            instructions, constants: table, dramBytes: 2048,
            input: DRAMTensor(name: "x", address: Self.inputAddress, dims: [1, channels, rows, columns], elementBytes: width),
            outputs: [DRAMTensor(name: "y", address: Self.outputAddress, dims: [outputs], elementBytes: width)],
            elementBytes: width)
    }

    /// The input box's padded rows and columns.
    var boxRows: Int { pads.top + rows + pads.bottom }
    var boxColumns: Int { pads.left + columns + pads.right }

    /// Where a compute instruction reading the whole box finds it.
    var planePitch: Int { boxRows * boxColumns }

    /// A contiguous `[c][y][x]` destination in the output buffer.
    static func destination(rows: Int, columns: Int) -> StridedDestination {
        StridedDestination(buffer: .output, address: 0, planePitch: rows * columns, rowPitch: columns)
    }

    /// An `ALU` over the whole unpadded input, written contiguously to the output buffer.
    func alu(_ operation: ALUOperation, low: Int32 = 0, high: Int32 = 0) -> Instruction {
        .alu(ALUInstruction(layer: 0, elementBytes: width, operation: operation, inputAddress: 0, inputPlanePitch: planePitch,
                            inputRowPitch: boxColumns, channels: channels, rows: rows, columns: columns, tableAddress: 0,
                            clampLow: low, clampHigh: high, destination: Self.destination(rows: rows, columns: columns)))
    }
}
