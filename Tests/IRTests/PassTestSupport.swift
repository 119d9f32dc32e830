import Foundation
@testable import IR
import Testing
import Reference

/// Shared steps of the pass tests: running passes the way the pipeline does, random operands from
/// a fixed seed, and comparing the float interpreter's outputs before and after a pass.
enum PassTestSupport {
    /// Runs `passes` as a pipeline with shape inference and the verifier after every stage.
    static func apply(_ passes: [any GraphPass], to graph: Graph) throws -> Graph {
        try PassPipeline(passes: passes).run(graph, verify: true) { _, _ in }
    }

    /// Parses IR text and types it.
    static func parse(_ text: String) throws -> Graph {
        try ShapeInference.infer(IRParser.parse(text))
    }

    /// Relu, an Identity, and two readers of the Identity (one Add, one Mul of a constant), both
    /// graph outputs: what the rewriting helpers and `NodeBypasses` are tested on.
    static func identityChain() throws -> Graph {
        try parse("""
            graph chain
            input %x : f32[2]
            init %k : f32[2] = [1,2]
            %a = Relu(%x)  # relu
            %b = Identity(%a)  # identity
            %c = Add(%b, %k)  # add
            %d = Mul(%b, %k)  # mul
            output %c
            output %d
            """)
    }

    /// A float tensor with elements uniform in `range`, reproducible from `seed`.
    static func randomTensor(_ shape: Shape, in range: ClosedRange<Float> = -1...1, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: range, using: &generator) })
    }

    /// Runs both graphs on the same inputs and expects every output within `tolerance` (absolute,
    /// scaled by the magnitude of the reference value when it exceeds 1).
    static func expectSameOutputs(_ before: Graph, _ after: Graph, inputs: [String: Tensor], tolerance: Float = 1e-5,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try FloatInterpreter(graph: before).run(inputs)
        let actual = try FloatInterpreter(graph: after).run(inputs)
        #expect(actual.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for name in expected.keys.sorted() {
            guard let reference = expected[name], let result = actual[name] else { continue }
            #expect(result.shape == reference.shape, "output \(name)", sourceLocation: sourceLocation)
            let worst = zip(reference.floats, result.floats).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
            #expect(worst <= tolerance, "output \(name) differs by \(worst)", sourceLocation: sourceLocation)
        }
    }

    /// Random values for every graph input, reproducible from `seed`.
    static func randomInputs(for graph: Graph, seed: UInt64) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: graph.inputs.enumerated().map { offset, input in
            (input.name, randomTensor(input.type.shape, seed: seed &+ UInt64(offset)))
        })
    }

    /// The ops of the graph's nodes, in order, by operator name.
    static func operatorNames(_ graph: Graph) -> [String] {
        graph.nodes.map(\.op.operatorName)
    }
}
