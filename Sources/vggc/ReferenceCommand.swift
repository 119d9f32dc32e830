import ArgumentParser
import Foundation
import IR
import Runtime
import VGGCKit

/// `vggc reference MODEL`: runs the fp32 reference interpreter on the compiled graph.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Run a model through vggc's float reference interpreter.",
        discussion: """
            Inputs are ONNX TensorProto files (.pb, as in ONNX's test data) or NumPy .npy arrays. \
            Without --input, a single-input model gets a deterministic pseudo-random input in [0, 1).
            """
    )

    @Argument(help: "The model: .onnx (protobuf, optionally with external data) or ONNX JSON.")
    var model: String

    @Option(name: .long, help: ArgumentHelp(
        "An input tensor file (.pb or .npy); NAME=FILE for a model with several inputs.", valueName: "file"))
    var input: [String] = []

    @Option(help: "How many of the largest output elements to list.")
    var top = 5

    @Option(name: .customLong("repeat"), help: "Run the interpreter this many times and report each time (for benchmarks).")
    var repetitions = 1

    @Option(help: ArgumentHelp("Write each output as DIR/<output name>.npy.", valueName: "dir"))
    var saveOutputs: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard top >= 0 else { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        Console.progress("importing \(model)")
        let reference = try reportingErrors { try FloatReference(modelAt: URL(fileURLWithPath: model)) }
        let inputs = try reportingErrors { try InputTensors.load(input, for: reference.graph) }
        Console.progress("running the float reference")
        var outputs: [String: Tensor] = [:]
        var timings: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            outputs = try reportingErrors { try reference.run(inputs.tensors) }
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        Console.endProgress()
        if inputs.synthesized { Console.note("no --input given: used a deterministic pseudo-random input in [0, 1)") }
        if let saveOutputs {
            try reportingErrors { try save(outputs, graph: reference.graph, to: saveOutputs) }
        }
        let result = ReferenceResult(model: model, graph: reference.graph, outputs: outputs, top: top, timings: timings)
        print(json ? try renderJSON(result) : result.renderText())
    }

    private func save(_ outputs: [String: Tensor], graph: Graph, to directory: String) throws {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, fileName) in zip(graph.outputs, OutputFileNames.npy(for: graph.outputs)) {
            guard let tensor = outputs[name] else { continue }
            try NPYFile.save(tensor, to: folder.appendingPathComponent(fileName))
            if fileName != name + ".npy" { Console.note("output '\(name)' saved as \(fileName)") }
        }
    }
}
