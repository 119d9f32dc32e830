import Testing
import IR
import Reference

/// Helpers for the kernel tests: seeded random tensors, single-node evaluation and tolerant
/// comparison.
public enum KernelTestSupport {
    /// A float tensor of `shape` with elements uniform in `-1...1`, the same for every run.
    public static func randomTensor(_ shape: Shape, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: -1...1, using: &generator) })
    }

    /// Evaluates a one-node graph of `op` on `inputs` and returns its first output.
    public static func evaluate(_ op: Op, _ inputs: [Tensor?], outputs: Int = 1) throws -> Tensor {
        try evaluateAll(op, inputs, outputs: outputs)[0]
    }

    /// Evaluates a node of `op` on `inputs` and returns all its outputs.
    public static func evaluateAll(_ op: Op, _ inputs: [Tensor?], outputs: Int = 1) throws -> [Tensor] {
        let node = Node(name: "n", op: op, inputs: inputs.indices.map { inputs[$0] == nil ? "" : "i\($0)" },
                        outputs: (0..<outputs).map { "o\($0)" })
        return try ReferenceEvaluator().evaluate(node, inputs)
    }

    /// Expects `actual` to equal `expected` element by element within `tolerance` (relative to the
    /// magnitude, absolute near zero).
    public static func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-4,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        let worst = zip(actual, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= tolerance, "largest error \(worst)", sourceLocation: sourceLocation)
    }
}
