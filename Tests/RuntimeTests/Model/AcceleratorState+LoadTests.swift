import TestSupport
import Testing
@testable import Runtime

@Suite struct AcceleratorStateLoadTests {
    let config = AcceleratorFixtures.config

    @Test func loadPadsAStridedBoxOfTwoByteValues() throws {
        // Planes 10 elements apart in DRAM, rows 4 apart, 3 columns read; box padded 1/2 rows, 0/1 columns.
        var shape = ElementwiseProgram(channels: 2, rows: 2, columns: 3, width: 2)
        shape.pads = (top: 1, bottom: 2, left: 0, right: 1)
        shape.padValue = -7
        let host = (0..<24).map { Int32($0 * 1000 - 9000) }
        var program = shape.program(shape.alu(.clamp, low: Int32(Int16.min), high: Int32(Int16.max)), outputs: 0)
        guard case .load(var load) = program.instructions[0], case .alu(var copy) = program.instructions[1] else {
            Issue.record("unexpected program")
            return
        }
        (load.dramPlaneStride, load.dramRowStride) = (20, 8)
        (copy.rows, copy.columns) = (shape.boxRows, shape.boxColumns)
        copy.destination = ElementwiseProgram.destination(rows: shape.boxRows, columns: shape.boxColumns)
        program.instructions[0] = .load(load)
        program.instructions[1] = .alu(copy)
        program.instructions[2] = AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: ElementwiseProgram.outputAddress,
                                                                count: 40, width: 2, tokens: AcceleratorFixtures.popPrevious)
        program.input.dims = [1, 24]
        program.outputs[0].dims = [40]
        var expected: [Int32] = []
        for plane in 0..<2 {
            for y in 0..<5 {
                for x in 0..<4 {
                    let inside = (1..<3).contains(y) && x < 3
                    expected.append(inside ? host[plane * 10 + (y - 1) * 4 + x] : -7)
                }
            }
        }
        #expect(try AcceleratorModel(program: program, config: config).run(input: host).outputs[0] == expected)
    }

    @Test func loadWithoutRowsFillsTheBox() throws {
        var shape = ElementwiseProgram(channels: 1, rows: 2, columns: 2)
        shape.padValue = 9
        var program = shape.program(shape.alu(.clamp, low: -128, high: 127), outputs: 4)
        guard case .load(var load) = program.instructions[0] else {
            Issue.record("unexpected program")
            return
        }
        load.rows = 0
        load.padTop = 2
        program.instructions[0] = .load(load)
        #expect(try AcceleratorModel(program: program, config: config).run(input: [1, 2, 3, 4]).outputs[0] == [9, 9, 9, 9])
    }

    @Test func aLoadPastTheEndOfDRAMNamesTheInstruction() throws {
        let tile = ConvTile(seed: 1)
        var program = tile.program
        program.instructions[1] = tile.inputLoad(dramAddress: tile.dramBytes - 50, tokens: AcceleratorFixtures.pushNext)
        // Planes 20 bytes apart, rows 5: 2·20 + 3·5 + 4·1 + 1 = 60 bytes.
        #expect(throws: RuntimeError.memoryOutOfBounds(instruction: 1, mnemonic: "LOAD", layer: "tile", memory: "DRAM",
                                                       address: tile.dramBytes - 50, bytes: 60, size: tile.dramBytes)) {
            try AcceleratorModel(program: program, config: config).run(input: tile.input)
        }
    }
}
