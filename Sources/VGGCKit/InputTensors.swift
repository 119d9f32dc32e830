import Foundation
import Frontend
import IR
import Runtime

/// The inputs of a float model run, read from tensor files or synthesized.
public struct InputTensors: Hashable, Sendable {
    /// By graph input name.
    public var tensors: [String: Tensor]
    /// True when no file was given and a pseudo-random input was generated.
    public var synthesized: Bool

    /// Reads `specs` for `graph`'s inputs: each `FILE` (a one-input model) or `NAME=FILE`, the
    /// file an ONNX `TensorProto` (`.pb`) or a NumPy array (`.npy`). No specs give a one-input model
    /// a deterministic pseudo-random input in [0, 1).
    public static func load(_ specs: [String], for graph: Graph) throws -> InputTensors {
        if specs.isEmpty {
            guard graph.inputs.count == 1 else {
                throw VGGCKitError.inputCount(model: graph.name, inputs: graph.inputs.map(\.name))
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

    /// `NAME=FILE` when NAME is one of the graph's inputs, else the file of the only input.
    private static func split(_ spec: String, graph: Graph) throws -> (String, String) {
        if let equals = spec.firstIndex(of: "="), graph.inputs.contains(where: { $0.name == spec[..<equals] }) {
            return (String(spec[..<equals]), String(spec[spec.index(after: equals)...]))
        }
        guard graph.inputs.count == 1 else { throw VGGCKitError.unnamedInput(spec: spec, inputs: graph.inputs.map(\.name)) }
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
