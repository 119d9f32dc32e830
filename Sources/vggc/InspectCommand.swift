import ArgumentParser
import Foundation
import IR
import Accelerator
import Runtime

/// `vggc inspect MODEL.bin`: what a compiled model file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a compiled model (.bin): sections, metadata, preprocessing and the quantized graph.",
        discussion: "The file is validated first (magic, version, sizes, checksums); a damaged file is one error line and exit 1."
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let file = try reportingErrors { try BinFile.load(URL(fileURLWithPath: model)) }
        let compiled = try reportingErrors { try CompiledModel.decode(file, path: model) }
        let summary = BinSummary(path: model, file: file, model: compiled)
        print(json ? try renderJSON(summary) : summary.renderText())
    }
}
