import ArgumentParser
import Foundation
import IR
import Reference

/// The float ONNX model, compiled through the graph pipeline and run by the float interpreter.
struct FloatReference {
    private let interpreter: FloatInterpreter
    private let graph: Graph
    private let inputName: String

    init(path: String, inputName: String) throws {
        let imported = try loadSupportedGraph(path: path)
        graph = try reportingErrors { try PassPipeline.standard.run(imported, verify: true) { _, _ in } }
        guard graph.inputs.count == 1 else {
            throw ValidationError("--reference \(path): the model has \(graph.inputs.count) inputs, the compiled model one")
        }
        interpreter = FloatInterpreter(graph: graph)
        self.inputName = graph.inputs[0].name
    }

    /// Runs `input`; returns the first output and the values named in `keepValues`.
    func run(_ input: Tensor, keepValues: Set<String>) throws -> (output: Tensor, values: [String: [Float]]) {
        var values: [String: [Float]] = [:]
        let outputs = try interpreter.run([inputName: input]) { node, tensors in
            for (name, tensor) in zip(node.outputs, tensors) where keepValues.contains(name) {
                values[name] = tensor.floats
            }
        }
        return (outputs[graph.outputs[0]]!, values)
    }
}
