@testable import Backend
import Testing
import Accelerator

@Suite struct StreamCheckPassTests {
    /// Golden `check/`: every layer is timed, those that run no instructions (the reshape, a
    /// Concat written in place) at 0 cycles.
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        let (_, output) = try SchedulingGolden.check(.check, testCase)
        for layer in output.layers {
            #expect((layer.work.geometry == nil) == (layer.modeledCycles.ifDecided == 0), "\(layer.layer.name)")
        }
        #expect(try output.layers.map { try $0.modeledCycles.value }.reduce(0, +) <= output.totalCycles.value)
    }

    /// A load reaching past the input buffer is refused with the instruction, the layer and the
    /// bytes.
    @Test func loadOutsideItsBufferIsRefused() throws {
        var program = try SchedulingGolden.programBefore(.check, SchedulingGolden.Case(preset: "vta"))
        var instructions = try program.instructions.value
        guard case .load(var load) = instructions[0], load.buffer == .input else {
            Issue.record("instruction 0 is not an input load: \(instructions[0])")
            return
        }
        load.sramAddress = 0x8000 - 8
        instructions[0] = .load(load)
        var stream = Decision<[Instruction]>("the instruction stream", of: nil, by: .lower)
        stream.decide(instructions)
        program.instructions = stream
        let bytes = 0x7ff8..<(0x7ff8 + load.depth * (load.rows + load.padTop + load.padBottom)
                              * (load.columns + load.padLeft + load.padRight) * load.elementBytes)
        #expect(throws: AcceleratorError.outOfBounds(instruction: 0, mnemonic: "LOAD", layer: "conv1", space: "the input buffer",
                                                     range: bytes, size: 0x8000)) {
            try BackendPipeline(passes: [StreamCheckPass()]).run(program, verify: false)
        }
    }
}
