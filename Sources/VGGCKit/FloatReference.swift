import Foundation
import IR
import Reference

/// The float ONNX model, through the compiler's graph passes and run by the float reference
/// interpreter (OpenBLAS): what the quantized model is measured against.
public struct FloatReference: Sendable {
    /// The canonical float graph.
    public let graph: Graph
    private let interpreter: FloatInterpreter

    /// Imports the model at `url` (refusing an unsupported one with its support report) and runs
    /// `Compiler.graphPipeline` on it, verified.
    public init(modelAt url: URL) throws {
        graph = try Compiler.graphPipeline.run(try ModelImport.graph(at: url), verify: true) { _, _ in }
        interpreter = FloatInterpreter(graph: graph)
    }

    /// Runs the graph on `inputs` (by input name); returns every graph output by name.
    public func run(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        try interpreter.run(inputs)
    }

    /// Runs a one-input graph on `input`; returns the first output and the values named in
    /// `keepValues` (flattened floats, by value name).
    public func run(_ input: Tensor, keepValues: Set<String>) throws -> (output: Tensor, values: [String: [Float]]) {
        guard graph.inputs.count == 1 else { throw VGGCKitError.inputCount(model: graph.name, inputs: graph.inputs.map(\.name)) }
        var values: [String: [Float]] = [:]
        let outputs = try interpreter.run([graph.inputs[0].name: input]) { node, tensors in
            for (name, tensor) in zip(node.outputs, tensors) where keepValues.contains(name) {
                values[name] = tensor.floats
            }
        }
        return (outputs[graph.outputs[0]]!, values)
    }
}
