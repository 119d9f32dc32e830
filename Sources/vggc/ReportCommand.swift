import ArgumentParser
import Foundation
import Runtime
import Accelerator
import Report

/// `vggc report MODEL.bin -o report.html`: one self-contained HTML page about a compiled model and
/// one run of it on the accelerator model.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of a compiled model: summary, layers, roofline, cycles, energy, timeline, quantization.",
        discussion: """
            The model runs once on the accelerator model, on --image or else on a deterministic synthetic input (the page \
            says which). The page has inline CSS and SVG and no scripts; the same inputs give the same bytes.
            """
    )

    @Argument(help: "The compiled model (.bin).")
    var model: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("An image to run (preprocessed as the model says); default: a synthetic input.", valueName: "file"))
    var image: String?

    @Option(help: ArgumentHelp("An accuracy to show, as text (e.g. \"98.9% top-1, 10000 MNIST test images\"); default: not measured.",
                               valueName: "text"))
    var accuracy: String?

    @Option(help: ArgumentHelp("How many instructions the timeline shows.", valueName: "count"))
    var timelineInstructions = 240

    func validate() throws {
        guard timelineInstructions > 0 else { throw ValidationError("--timeline-instructions must be positive") }
    }

    func run() throws {
        let compiled = try reportingErrors { try CompiledModel.load(URL(fileURLWithPath: model)) }
        let input = image.map { ReportInput.image(URL(fileURLWithPath: $0)) } ?? .synthetic
        let report = try reportingErrors {
            try ReportBuilder(model: compiled, timelineLimit: timelineInstructions).build(input: input, accuracy: accuracy)
        }
        let page = Data(ReportPage.render(report).utf8)
        try reportingErrors {
            do { try page.write(to: URL(fileURLWithPath: output)) } catch {
                throw RuntimeError.io(path: output, reason: "cannot write the report (\(error.localizedDescription))")
            }
        }
        print("wrote \(output) (\(page.count) bytes; \(report.statistics.rows.count) layers, \(report.latencyCycles) cycles)")
    }
}
