import Accelerator
import Testing
import TestSupport

/// A decoded program is checked against the documented limits before anything allocates or runs.
@Suite struct AcceleratorProgramValidationTests {
    static let input = DRAMTensor(name: "x", address: 0, dims: [1, 2, 2, 2], elementBytes: 1)
    static let output = DRAMTensor(name: "y", address: 8, dims: [1, 8], elementBytes: 1)

    static func program(_ instructions: [Instruction] = [], dramBytes: Int = 16, input: DRAMTensor = input) -> AcceleratorProgram {
        AcceleratorFixtures.program(instructions, constants: [], dramBytes: dramBytes, input: input, outputs: [output])
    }

    static func gemm(outputChannels: Int, inputChannels: Int, rows: Int, columns: Int, kernel: Int) -> Instruction {
        .gemm(GemmInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 0, inputPlanePitch: 0,
                              inputRowPitch: 0, weightAddress: 0, accumulatorAddress: 0, outputChannels: outputChannels,
                              inputChannels: inputChannels, outputRows: rows, outputColumns: columns, kernelHeight: kernel,
                              kernelWidth: kernel, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1))
    }

    @Test func aProgramWithinTheLimitsPasses() throws {
        try Self.program([Self.gemm(outputChannels: 2, inputChannels: 2, rows: 2, columns: 2, kernel: 3)])
            .validate(config: AcceleratorFixtures.config, path: "p.bin")
    }

    @Test func aTensorOutsideDRAMIsRefused() {
        let outside = DRAMTensor(name: "x", address: 12, dims: [1, 2, 2, 2], elementBytes: 1)
        #expect(throws: AcceleratorError.self) { try Self.program(input: outside).validate(config: AcceleratorFixtures.config, path: "p.bin") }
        let negative = DRAMTensor(name: "x", address: 0, dims: [1, -2, 2, 2], elementBytes: 1)
        #expect(throws: AcceleratorError.self) { try Self.program(input: negative).validate(config: AcceleratorFixtures.config, path: "p.bin") }
    }

    @Test func moreDRAMThanTheLimitIsRefused() {
        #expect(throws: AcceleratorError.self) {
            try Self.program(dramBytes: AcceleratorProgram.largestDRAMBytes + 1).validate(config: AcceleratorFixtures.config, path: "p.bin")
        }
    }

    /// 65535² channels × 255² taps × 65535² pixels overflows Int64 in the timing model's product.
    @Test func aGEMMBeyondTheWorkLimitIsRefused() {
        let huge = Self.gemm(outputChannels: 65535, inputChannels: 65535, rows: 65535, columns: 65535, kernel: 255)
        #expect(throws: AcceleratorError.self) { try Self.program([huge]).validate(config: AcceleratorFixtures.config, path: "p.bin") }
    }

    @Test func configNumbersAreBounded() {
        var config = AcceleratorFixtures.config
        config.array.pi = 1 << 40
        #expect(throws: AcceleratorError.self) { try config.validate() }
        config = AcceleratorFixtures.config
        config.costs.dmaSetupCycles = 1 << 62
        #expect(throws: AcceleratorError.self) { try config.validate() }
        config = AcceleratorFixtures.config
        config.clockMHz = .nan
        #expect(throws: AcceleratorError.self) { try config.validate() }
    }

    @Test func elementCountRefusesNegativeAndOverflowingShapes() {
        #expect(AcceleratorProgram.elementCount([1, 3, 224, 224]) == 150_528)
        #expect(AcceleratorProgram.elementCount([2, -1]) == nil)
        #expect(AcceleratorProgram.elementCount([Int.max, 2]) == nil)
        #expect(AcceleratorProgram.elementCount([]) == 1)
    }
}
