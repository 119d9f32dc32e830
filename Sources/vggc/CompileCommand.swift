import ArgumentParser
import Foundation
import IR

/// `vggc compile MODEL`: imports the model and runs the compiler pipeline.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile an ONNX model.",
        discussion: """
            Runs the frontend and the graph pipeline (\(PassPipeline.standard.stageNames.joined(separator: ", "))), \
            verifying the IR after every stage. `--dump-ir` prints the IR after each stage, \
            `--dump-ir=STAGE` after one. Quantization and code generation (`-o MODEL.bin`) are not \
            implemented yet.
            """
    )

    @Argument(help: "The model: .onnx (protobuf, optionally with external data) or ONNX JSON.")
    var model: String

    @Option(name: .shortAndLong, help: "Where to write the compiled program (.bin). Not available yet.")
    var output: String?

    @Option(name: .customLong("dump-ir"), help: ArgumentHelp(
        "Print the IR after every stage (bare --dump-ir) or after one (--dump-ir=STAGE).",
        valueName: "stage"))
    var dumpIR: String?

    @Option(help: ArgumentHelp("Stop after this stage.", valueName: "stage"))
    var stopAfter: String?

    @Flag(help: "Print a JSON summary: node counts per stage and the final graph's layers.")
    var json = false

    func validate() throws {
        let stages = ["all"] + PassPipeline.standard.stageNames
        if let dumpIR, !stages.contains(dumpIR) {
            throw ValidationError("unknown stage '\(dumpIR)' for --dump-ir; stages are: \(stages.joined(separator: ", "))")
        }
        if let stopAfter, !PassPipeline.standard.stageNames.contains(stopAfter) {
            throw ValidationError("unknown stage '\(stopAfter)' for --stop-after; stages are: \(PassPipeline.standard.stageNames.joined(separator: ", "))")
        }
        if json && dumpIR != nil {
            throw ValidationError("--json and --dump-ir both write to standard output; choose one")
        }
        if output != nil {
            throw ValidationError("-o: emitting an accelerator program (.bin) needs quantization and the backend, which this vggc does not have yet; --dump-ir shows the compiled graph")
        }
    }

    func run() throws {
        Console.progress("importing \(model)")
        let graph = try loadSupportedGraph(path: model)
        let pipeline = PassPipeline.standard
        var stages: [CompileSummary.Stage] = []
        let compiled = try reportingErrors {
            try pipeline.run(graph, verify: true, stopAfter: stopAfter) { stage, graph in
                Console.progress("stage \(stage)")
                stages.append(CompileSummary.Stage(name: stage, nodes: graph.nodes.count))
                if dumpIR == "all" || dumpIR == stage {
                    Console.endProgress()
                    print("// ---- IR after stage '\(stage)' ----")
                    print(IRPrinter.print(graph), terminator: "")
                }
            }
        }
        Console.endProgress()
        if json {
            print(try renderJSON(CompileSummary(model: model, stages: stages, graph: compiled)))
        } else if dumpIR == nil {
            Console.note("\(model): \(compiled.nodes.count) nodes after the pipeline (\(graph.nodes.count) imported); use --dump-ir to see it")
        }
    }
}
