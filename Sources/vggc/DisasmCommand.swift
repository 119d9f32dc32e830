import ArgumentParser
import Foundation
import Accelerator
import Runtime

/// `vggc disasm MODEL.bin`: the instruction stream, one readable line per instruction.
struct DisasmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disasm",
        abstract: "List a compiled model's instruction stream with layer names.",
        discussion: "Each line: index, unit, mnemonic, dependency tokens (the neighbour unit each pop takes from and each push gives to), the fields, and the layer. docs/ISA.md defines every field."
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Option(help: ArgumentHelp("Only this layer's instructions (its name as `vggc inspect` lists it).", valueName: "name"))
    var layer: String?

    func run() throws {
        let compiled = try reportingErrors { try CompiledModel.load(URL(fileURLWithPath: model)) }
        let program = compiled.program
        var range = program.instructions.indices
        if let layer {
            guard let row = program.layers.first(where: { $0.name == layer }) else {
                throw ValidationError("no layer named '\(layer)' in \(model); `vggc inspect \(model)` lists them")
            }
            range = row.instructions
        }
        let names = program.layerNames
        for index in range {
            let instruction = program.instructions[index]
            print(Disassembler.line(instruction, index: index, layerName: instruction.layerName(in: names)))
        }
    }
}
