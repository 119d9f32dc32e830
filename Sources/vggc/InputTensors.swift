import ArgumentParser
import Foundation
import Frontend
import IR
import Runtime

/// The runtime inputs of a model, read from `--input` files or synthesized.
struct InputTensors {
    var tensors: [String: Tensor]
    /// True when no file was given and a pseudo-random input was generated.
    var synthesized: Bool

    /// Reads `specs` (`FILE` or `NAME=FILE`) for `graph`'s inputs.
    static func load(_ specs: [String], for graph: Graph) throws -> InputTensors {
        if specs.isEmpty {
            guard graph.inputs.count == 1 else {
                throw ValidationError("the model has \(graph.inputs.count) inputs (\(graph.inputs.map(\.name).joined(separator: ", "))); give each as --input NAME=FILE")
            }
            return InputTensors(tensors: [graph.inputs[0].name: synthesize(graph.inputs[0].type)], synthesized: true)
        }
        var tensors: [String: Tensor] = [:]
        for spec in specs {
            let (name, path) = try split(spec, graph: graph)
            tensors[name] = try read(path)
        }
        return InputTensors(tensors: tensors, synthesized: false)
    }

    private static func split(_ spec: String, graph: Graph) throws -> (String, String) {
        if let equals = spec.firstIndex(of: "="), graph.inputs.contains(where: { $0.name == spec[..<equals] }) {
            return (String(spec[..<equals]), String(spec[spec.index(after: equals)...]))
        }
        guard graph.inputs.count == 1 else {
            throw ValidationError("'\(spec)': the model has several inputs; write --input NAME=FILE with NAME one of \(graph.inputs.map(\.name).joined(separator: ", "))")
        }
        return (graph.inputs[0].name, spec)
    }

    private static func read(_ path: String) throws -> Tensor {
        let url = URL(fileURLWithPath: path)
        return path.hasSuffix(".npy") ? try NPYFile.load(url) : try ONNXTensorFile.load(url)
    }

    /// Uniform [0, 1) values from a fixed-seed generator: the same every run.
    private static func synthesize(_ type: TensorType) -> Tensor {
        var generator = SeededGenerator(seed: 0x5EED_0F_76_67_63)
        let values = (0..<type.shape.elementCount).map { _ in Float(generator.next() >> 40) / Float(1 << 24) }
        return Tensor(shape: type.shape, floats: values)
    }
}
