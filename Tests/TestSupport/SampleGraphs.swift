import IR

/// Small float graphs and inputs for the quantization and calibration tests.
public enum SampleGraphs {
    /// A small float CNN in import form: conv 3→8 (3×3, pad 1) + BatchNorm + ReLU, max pool 2,
    /// conv 8→16 (3×3, pad 1) + ReLU, average pool 2, flatten, Gemm 64→10, Softmax.
    public static func smallCNN(seed: UInt64) -> Graph {
        var generator = SeededGenerator(seed: seed)
        func tensor(_ shape: Shape, _ range: ClosedRange<Float>) -> Tensor {
            Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: range, using: &generator) })
        }
        let initializers: [String: Tensor] = [
            "w1": tensor([8, 3, 3, 3], -0.5...0.5), "b1": tensor([8], -0.1...0.1),
            "gamma": tensor([8], 0.5...1.5), "beta": tensor([8], -0.2...0.4), "mean": tensor([8], -0.1...0.1),
            "var": tensor([8], 0.5...1.5),
            "w2": tensor([16, 8, 3, 3], -0.3...0.3), "b2": tensor([16], -0.1...0.1),
            "w3": tensor([10, 64], -0.4...0.4), "b3": tensor([10], -0.1...0.1),
        ]
        let conv = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1], padding: .explicit([1, 1, 1, 1]), group: 1)
        let pool = PoolAttributes(kernelShape: [2, 2], strides: [2, 2], dilations: [1, 1], padding: .explicit([0, 0, 0, 0]),
                                  ceilMode: false, countIncludePad: false)
        let nodes = [
            Node(name: "conv1", op: .conv(conv), inputs: ["input", "w1", "b1"], outputs: ["c1"]),
            Node(name: "bn1", op: .batchNormalization(epsilon: 1e-5), inputs: ["c1", "gamma", "beta", "mean", "var"], outputs: ["n1"]),
            Node(name: "relu1", op: .relu, inputs: ["n1"], outputs: ["r1"]),
            Node(name: "pool1", op: .maxPool(pool), inputs: ["r1"], outputs: ["p1"]),
            Node(name: "conv2", op: .conv(conv), inputs: ["p1", "w2", "b2"], outputs: ["c2"]),
            Node(name: "relu2", op: .relu, inputs: ["c2"], outputs: ["r2"]),
            Node(name: "pool2", op: .averagePool(pool), inputs: ["r2"], outputs: ["p2"]),
            Node(name: "flatten", op: .flatten(axis: 1), inputs: ["p2"], outputs: ["f"]),
            Node(name: "fc", op: .gemm(GemmAttributes(transB: true)), inputs: ["f", "w3", "b3"], outputs: ["logits"]),
            Node(name: "softmax", op: .softmax(axis: 1, coerce2D: false), inputs: ["logits"], outputs: ["prob"]),
        ]
        return Graph(name: "small", inputs: [ValueInfo(name: "input", type: TensorType(.float32, [1, 3, 8, 8]))],
                     outputs: ["prob"], initializers: initializers, nodes: nodes)
    }

    /// The canonical form of `graph` after the standard pipeline.
    public static func canonical(_ graph: Graph) throws -> Graph {
        try PassPipeline.standard.run(graph, verify: true) { _, _ in }
    }

    /// Random inputs uniform in [0, 1], the same on every run.
    public static func randomInputs(_ count: Int, shape: Shape, seed: UInt64) -> [Tensor] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: 0...1, using: &generator) })
        }
    }
}
