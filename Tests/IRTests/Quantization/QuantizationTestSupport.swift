@testable import IR
import Testing

/// Independent integer references and builders for the quantization tests. The references use
/// direct loops, Int64 and floor division written out here, not the code under test.
enum QuantizationTestSupport {
    /// `floor(a / b)` for positive `b`.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// `floor(x / 2^shift + 1/2)`: round half up.
    static func roundHalfUp(_ x: Int64, shift: Int) -> Int64 {
        guard shift > 0 else { return x }
        let divisor = Int64(1) << shift
        return floorDivide(x + divisor / 2, divisor)
    }

    static func clamp(_ x: Int64, _ low: Int64, _ high: Int64) -> Int64 { min(max(x, low), high) }

    /// Random integers in `range`, the same on every run.
    static func randomIntegers(_ count: Int, in range: ClosedRange<Int32>, seed: UInt64) -> [Int32] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Int32.random(in: range, using: &generator) }
    }

    /// A graph that quantizes its float input with scale 1 and zero point 0 (so integer-valued
    /// inputs arrive unchanged) and runs `layer`.
    static func singleLayerGraph(_ op: QuantizedOp, inputDims: [Int], outputDims: [Int],
                                 mode: ArithmeticMode = .standard, extraInputs: [String] = []) -> QuantizedGraph {
        let unit = QuantParams(scale: 1, zeroPoint: 0)
        let layer = QuantizedLayer(name: "layer", op: op, inputs: ["x"] + extraInputs, output: "y", dims: outputDims, params: unit)
        return QuantizedGraph(name: "single", arithmetic: mode, input: QuantizedInput(name: "x", dims: inputDims, params: unit),
                              layers: [layer], outputs: [QuantizedOutput(name: "y", value: "y", dims: outputDims, params: unit, hostSoftmax: nil)])
    }

    /// Runs `graph` on integer-valued `input` and returns the stored output as integers.
    static func runStored(_ graph: QuantizedGraph, input: [Int32]) throws -> [Int64] {
        let tensor = Tensor(shape: Shape(graph.input.dims), floats: input.map(Float.init))
        let outputs = try IntegerInterpreter(graph: graph).runStored(tensor)
        return outputs[graph.outputs[0].name]?.int64s ?? []
    }

    /// Cosine similarity of two vectors.
    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let norms = (a.reduce(0.0) { $0 + Double($1 * $1) } * b.reduce(0.0) { $0 + Double($1 * $1) }).squareRoot()
        return norms > 0 ? dot / norms : 1
    }

    /// A small float CNN in import form: conv 3→8 (3×3, pad 1) + BatchNorm + ReLU, max pool 2,
    /// conv 8→16 (3×3, pad 1) + ReLU, average pool 2, flatten, Gemm 64→10, Softmax.
    static func smallCNN(seed: UInt64) -> Graph {
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
    static func canonical(_ graph: Graph) throws -> Graph {
        try PassPipeline.standard.run(graph, verify: true) { _, _ in }
    }

    /// Random inputs uniform in [0, 1], the same on every run.
    static func randomInputs(_ count: Int, shape: Shape, seed: UInt64) -> [Tensor] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: 0...1, using: &generator) })
        }
    }
}
