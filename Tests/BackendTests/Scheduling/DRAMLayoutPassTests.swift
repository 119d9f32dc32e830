@testable import Backend
import Testing

@Suite struct DRAMLayoutPassTests {
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        try SchedulingGolden.check(.placeDRAM, testCase)
    }

    /// The small network's constants, each block 64-byte aligned: conv1's 8×2×3×3 weights and 8
    /// records, the table, fc's 4×72 weights and 4 records; then the input.
    @Test func constantsAreLaidOutAsTheLoadsReadThem() throws {
        // int8 weights and a 256-byte table: 144 B @0, 96 B @192, 256 B @320, 288 B @576, 48 B @896.
        let vta = try SchedulingGolden.check(.placeDRAM, SchedulingGolden.Case(preset: "vta")).output
        #expect(vta.layers.map(\.constants.ifDecided) == [.weights(weightAddress: 0, parameterAddress: 192), nil,
                                                          .table(address: 320), nil, .weights(weightAddress: 576, parameterAddress: 896)])
        #expect(try vta.dram.value.constants.count == 944 && vta.dram.value.input.address == 960)
        // int32 weights and 33 int32 knots: 576 B @0, 96 B @576, 132 B @704, 1152 B @896, 48 B @2048.
        let de1soc = try SchedulingGolden.check(.placeDRAM, SchedulingGolden.Case(preset: "de1soc")).output
        #expect(de1soc.layers.map(\.constants.ifDecided) == [.weights(weightAddress: 0, parameterAddress: 576), nil,
                                                             .table(address: 704), nil, .weights(weightAddress: 896, parameterAddress: 2048)])
        #expect(try de1soc.dram.value.constants.count == 2096 && de1soc.dram.value.input.address == 2112)
    }

    /// A reshape shares its input's bytes.
    @Test func reshapeAliasesItsInput() throws {
        let program = try SchedulingGolden.check(.placeDRAM, SchedulingGolden.Case(preset: "vta")).output
        #expect(try program.layers[3].output.dramTensor.value.address == program.layers[3].inputs[0].dramTensor.value.address)
    }
}
