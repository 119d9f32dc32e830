@testable import IR
import Testing

@Suite("AffineToBatchNormalization")
struct AffineToBatchNormalizationTests {
    /// `op(x, c)` (or `op(c, x)` when `constantFirst`) on `x [1, 3, 2, 2]` with `c` of shape `dims`.
    static func affine(_ op: String, constant dims: [Int], values: [Float], constantFirst: Bool = false) throws -> Graph {
        let operands = constantFirst ? "%c, %x" : "%x, %c"
        let shape = "[" + dims.map(String.init).joined(separator: ",") + "]"
        return try PassTestSupport.parse("""
            graph affine
            input %x : f32[1,3,2,2]
            init %c : f32\(shape) = [\(values.map { "\($0)" }.joined(separator: ","))]
            %y = \(op)(\(operands)) : f32[1,3,2,2]  # affine
            output %y
            """)
    }

    @Test(arguments: [
        ("Mul", false, [Float(2), -1, 0.5], [Float(0), 0, 0]),
        ("Add", false, [1, 1, 1], [2, -1, 0.5]),
        ("Sub", false, [1, 1, 1], [-2, 1, -0.5]),
        ("Sub", true, [-1, -1, -1], [2, -1, 0.5]),
        ("Div", false, [0.5, -1, 2], [0, 0, 0]),
    ])
    func perChannelConstantBecomesBatchNormalization(op: String, constantFirst: Bool, scale: [Float], bias: [Float]) throws {
        let graph = try Self.affine(op, constant: [1, 3, 1, 1], values: [2, -1, 0.5], constantFirst: constantFirst)
        let rewritten = try PassTestSupport.apply([AffineToBatchNormalization()], to: graph)
        let node = try #require(rewritten.nodes.first)
        #expect(node.op == .batchNormalization(epsilon: 0))
        #expect(rewritten.initializers[node.inputs[1]]?.floats == scale)
        #expect(rewritten.initializers[node.inputs[2]]?.floats == bias)
        #expect(rewritten.initializers["c"] == nil)
        try PassTestSupport.expectSameOutputs(graph, rewritten, inputs: PassTestSupport.randomInputs(for: graph, seed: 2))
    }

    @Test func scalarAndChannelVectorShapesApply() throws {
        for (dims, values) in [([1], [Float(3)]), ([3, 1, 1], [1, 2, 3])] {
            let graph = try Self.affine("Mul", constant: dims, values: values)
            let rewritten = try PassTestSupport.apply([AffineToBatchNormalization()], to: graph)
            #expect(PassTestSupport.operatorNames(rewritten) == ["BatchNormalization"], "\(dims)")
            try PassTestSupport.expectSameOutputs(graph, rewritten, inputs: PassTestSupport.randomInputs(for: graph, seed: 3))
        }
    }

    @Test func constantsThatVaryOffTheChannelAxisStay() throws {
        let graph = try Self.affine("Mul", constant: [2], values: [1, 2])
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([AffineToBatchNormalization()], to: graph)) == ["Mul"])
    }

    @Test func constantDividedByActivationStays() throws {
        let graph = try Self.affine("Div", constant: [1], values: [2], constantFirst: true)
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([AffineToBatchNormalization()], to: graph)) == ["Div"])
    }
}
