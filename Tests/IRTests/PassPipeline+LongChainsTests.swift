import Foundation
@testable import IR
import Testing

/// Graphs of 20,000 nodes through the standard pipeline: chains of pass-through nodes, same-shape
/// reshapes and matrix products, whose passes once rescanned the graph per node (quadratic: minutes
/// at this size). Each result is checked for what the passes must make of it and against the float
/// interpreter on the original graph.
@Suite struct PassPipelineLongChainsTests {
    static let length = 20_000

    /// `%v0 = Relu(%x)`, then `length` nodes each reading the previous value, then the output.
    static func chain(header: [String], node: (Int) -> String, inputShape: String) -> String {
        (["graph chain", "input %x : f32\(inputShape)"] + header + ["%v0 = Relu(%x)  # head"]
            + (1...length).map(node) + ["output %v\(length)"]).joined(separator: "\n")
    }

    func standard(_ text: String) throws -> (before: Graph, after: Graph) {
        let graph = try PassTestSupport.parse(text)
        return (graph, try PassPipeline.standard.run(graph, verify: false) { _, _ in })
    }

    @Test func identitiesCollapseOntoTheHead() throws {
        let (before, after) = try standard(Self.chain(header: [], node: { "%v\($0) = Identity(%v\($0 - 1))  # id\($0)" },
                                                      inputShape: "[1,4]"))
        #expect(PassTestSupport.operatorNames(after) == ["Relu"])
        #expect(after.nodes[0].outputs == ["v\(Self.length)"])
        try PassTestSupport.expectSameOutputs(before, after, inputs: PassTestSupport.randomInputs(for: before, seed: 1))
    }

    @Test func sameShapeReshapesDisappear() throws {
        let (before, after) = try standard(Self.chain(header: ["init %s : i64[2] = [2,2]"],
                                                      node: { "%v\($0) = Reshape(%v\($0 - 1), %s) {allow_zero=false}  # r\($0)" },
                                                      inputShape: "[2,2]"))
        #expect(PassTestSupport.operatorNames(after) == ["Relu"])
        #expect(after.initializers.isEmpty)
        try PassTestSupport.expectSameOutputs(before, after, inputs: PassTestSupport.randomInputs(for: before, seed: 2))
    }

    @Test func matrixProductsWithBiasesBecomeFullyConnectedLayers() throws {
        let pairs = Self.length / 2
        // A weight per product, as a network has: rotations, so that values stay bounded over 10,000
        // products. The bias is shared.
        let header = (1...pairs).map { pair -> String in
            let (c, s) = (Float(cos(Double(pair) / 1000)), Float(sin(Double(pair) / 1000)))
            return "init %w\(pair) : f32[2,2] = [\(c),\(-s),\(s),\(c)]"
        } + ["init %b : f32[2] = [0.1,-0.1]"]
        let node: (Int) -> String = { index in
            index % 2 == 1 ? "%v\(index) = MatMul(%v\(index - 1), %w\((index + 1) / 2))  # mm\(index)"
                           : "%v\(index) = Add(%v\(index - 1), %b)  # add\(index)"
        }
        let (before, after) = try standard(Self.chain(header: header, node: node, inputShape: "[1,2]"))
        #expect(after.nodes.count == 1 + pairs)
        #expect(after.nodes.dropFirst().allSatisfy { $0.op == .fullyConnected(activation: nil) })
        try PassTestSupport.expectSameOutputs(before, after, inputs: PassTestSupport.randomInputs(for: before, seed: 3),
                                              tolerance: 1e-4)
    }
}
