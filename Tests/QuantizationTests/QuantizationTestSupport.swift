@testable import IR
import Testing
@testable import Quantization

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
}
