@testable import Backend
import IR
import Testing
import TestSupport
import Accelerator
import Quantization

@Suite struct InstructionLineParserTests {
    /// Every instruction of the compiled fixtures (LOAD, GEMM, POST, POOL, ALU, STORE, SYNC, END)
    /// reads back from its disassembly.
    @Test func everyLoweredInstructionReadsBack() throws {
        let programs = [try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.target("vta")),
                        try SchedulingFixtures.compile(SchedulingFixtures.smallNetwork(mode: .standard), SchedulingFixtures.target("vta"))]
        var mnemonics: Set<String> = []
        for program in programs {
            for (position, instruction) in try program.instructions.value.enumerated() {
                let line = Disassembler.line(instruction, index: position, layerName: "layer")
                let parsed = try InstructionLineParser.parse(line[...], layer: instruction.layer)
                #expect(parsed.position == position && parsed.instruction == instruction, "\(line)")
                mnemonics.insert(instruction.mnemonic)
            }
        }
        #expect(mnemonics == ["LOAD", "GEMM", "POST", "POOL", "ALU", "STORE", "SYNC", "END"])
    }

    @Test(arguments: [
        ("     3 compute FOO   [] ; x", "unknown mnemonic 'FOO'"),
        ("     0 compute SYNC  [] ; x", "SYNC needs operand 'unit'"),
        ("     0 compute SYNC  [] unit=compute extra=1 ; x", "SYNC has no operand 'extra'"),
        ("     0 load    SYNC  [pop:store] unit=load ; x", "token bit 'pop:store' names no neighbour of the load unit"),
        ("     0 compute SYNC  [] unit=nowhere ; x", "unit=nowhere is none of [\"load\", \"compute\", \"store\"]"),
        ("     0 store   STORE [] elementBytes=1 sramAddress=out@0x0000 dramAddress=dram@0x00000000 depth=70000 rows=1 columns=1 dramPlaneStride=1 dramRowStride=1 ; x",
         "STORE field 'depth' cannot hold 70000"),
        ("     0 compute SYNC  unit=compute ; x", "expected 'INDEX UNIT MNEMONIC [TOKENS] OPERANDS ; LAYER', found '     0 compute SYNC  unit=compute ; x'"),
    ])
    func malformedLinesSayWhatIsWrong(line: String, problem: String) {
        #expect {
            try InstructionLineParser.parse(line[...], layer: 0)
        } throws: { error in
            (error as? IRAttributeValue.Problem)?.detail == problem
        }
    }
}
