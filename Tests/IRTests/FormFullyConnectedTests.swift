@testable import IR
import Testing

@Suite("FormFullyConnected")
struct FormFullyConnectedTests {
    @Test func formsLayersFromGemm() throws {
        let (input, output) = try GoldenIR.check("form-fc/gemm", passes: [FormFullyConnected()])
        #expect(PassTestSupport.operatorNames(output)
            == ["FullyConnected", "FullyConnected", "FullyConnected", "Gemm", "Transpose", "Gemm", "FullyConnected"])
        // gemm_scaled: W = 2 * b_nᵀ, B = 0.5 * c_row.
        let scaled = output.nodes[1]
        #expect(output.initializers[scaled.inputs[1]]?.floats == [2, 6, 10, 4, 8, 12])
        #expect(output.initializers[scaled.inputs[2]]?.floats == [0.5, 1])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 6))
    }

    @Test func formsLayersFromMatMulAndAdd() throws {
        let (input, output) = try GoldenIR.check("form-fc/matmul-add", passes: [FormFullyConnected()])
        #expect(PassTestSupport.operatorNames(output)
            == ["FullyConnected", "FullyConnected", "MatMul", "MatMul", "Add", "Relu"])
        #expect(output.nodes[0].outputs == ["y"])
        try PassTestSupport.expectSameOutputs(input, output, inputs: PassTestSupport.randomInputs(for: input, seed: 7))
    }

    @Test func randomGemmMatchesTheInterpreter() throws {
        for (transB, biasShape) in [(false, [5] as Shape), (true, [1, 5]), (true, [1]), (false, [])] {
            let weight = PassTestSupport.randomTensor(transB ? [5, 7] : [7, 5], seed: 30)
            let graph = Graph(
                name: "gemm", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [3, 7]))], outputs: ["y"],
                initializers: ["w": weight, "c": PassTestSupport.randomTensor(biasShape, seed: 31)],
                nodes: [Node(name: "gemm", op: .gemm(GemmAttributes(alpha: 0.75, beta: -1.5, transA: false, transB: transB)),
                             inputs: ["x", "w", "c"], outputs: ["y"])])
            let formed = try PassTestSupport.apply([FormFullyConnected()], to: graph)
            #expect(PassTestSupport.operatorNames(formed) == ["FullyConnected"])
            try PassTestSupport.expectSameOutputs(graph, formed, inputs: PassTestSupport.randomInputs(for: graph, seed: 8))
        }
    }

    @Test func leavesARuntimeWeightAlone() throws {
        let graph = try PassTestSupport.parse("""
            graph runtime_weight
            input %x : f32[2,3]
            input %w : f32[3,4]
            %y = Gemm(%x, %w) {alpha=1, beta=1, trans_a=false, trans_b=false}
            output %y
            """)
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([FormFullyConnected()], to: graph)) == ["Gemm"])
    }
}
