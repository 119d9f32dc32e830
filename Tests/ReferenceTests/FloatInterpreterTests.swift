import TestSupport
import Testing
@testable import IR
@testable import Reference

/// Whole-graph runs: chaining, observation, input checks.
struct FloatInterpreterTests {
    /// conv(relu) → maxpool → shape-chain flatten → gemm.
    private func smallNetwork() -> Graph {
        var initializers = ShapeChain.initializers
        initializers["w"] = KernelTestSupport.randomTensor([4, 2, 3, 3], seed: 71)
        initializers["b"] = KernelTestSupport.randomTensor([4], seed: 72)
        initializers["fc"] = KernelTestSupport.randomTensor([3, 16], seed: 73)
        let conv = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1], padding: .explicit([1, 1, 1, 1]),
                                  group: 1, activation: .relu)
        let pool = PoolAttributes(kernelShape: [2, 2], strides: [2, 2], dilations: [1, 1], padding: .valid,
                                  ceilMode: false, countIncludePad: false)
        let chain = ShapeChain.nodes.map { node -> Node in
            var node = node
            node.inputs = node.inputs.map { $0 == "x" ? "pooled" : $0 }
            node.outputs = node.outputs.map { $0 == "y" ? "flat" : $0 }
            return node
        }
        let nodes = [Node(name: "conv", op: .conv(conv), inputs: ["x", "w", "b"], outputs: ["c"]),
                     Node(name: "pool", op: .maxPool(pool), inputs: ["c"], outputs: ["pooled"])]
            + chain + [Node(name: "fc", op: .gemm(GemmAttributes(transB: true)), inputs: ["flat", "fc"], outputs: ["y"])]
        return Graph(name: "small", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 2, 4, 4]))],
                     outputs: ["y"], initializers: initializers, nodes: nodes)
    }

    @Test func matchesNodeByNodeEvaluation() throws {
        let graph = smallNetwork()
        let x = KernelTestSupport.randomTensor([1, 2, 4, 4], seed: 74)
        var observed: [String] = []
        let outputs = try FloatInterpreter(graph: graph).run(["x": x]) { node, results in
            observed.append(node.name)
            #expect(results.count == 1)
        }
        #expect(observed == graph.nodes.map(\.name))
        var values = graph.initializers.merging(["x": x]) { first, _ in first }
        for node in graph.nodes {
            let results = try ReferenceEvaluator().evaluate(node, node.inputs.map { values[$0] })
            values[node.outputs[0]] = results[0]
        }
        #expect(outputs["y"] == values["y"])
        #expect(outputs["y"]?.shape == [1, 3])
    }

    @Test func checksGraphInputs() {
        let interpreter = FloatInterpreter(graph: smallNetwork())
        #expect(throws: IRError.badGraphInput(name: "x", detail: "missing")) { try interpreter.run([:]) }
        #expect(throws: IRError.self) {
            try interpreter.run(["x": KernelTestSupport.randomTensor([1, 2, 4, 5], seed: 1)])
        }
    }
}
