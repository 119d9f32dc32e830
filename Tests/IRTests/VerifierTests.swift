@testable import IR
import Testing

@Suite("Verifier")
struct VerifierTests {
    /// `x [1,4] → FullyConnected(w [3,4], b [3]) → h → Relu → y`, fully typed.
    private func validGraph() throws -> Graph {
        try PassTestSupport.parse("""
            graph valid
            input %x : f32[1,4]
            init %w : f32[3,4] = [1,2,3,4,5,6,7,8,9,10,11,12]
            init %b : f32[3] = [0,1,2]
            %h = FullyConnected(%x, %w, %b)  # fc
            %y = Relu(%h)  # relu
            output %y
            """)
    }

    private func expectFailure(_ expected: IRError, _ change: (inout Graph) -> Void,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        var graph = try validGraph()
        change(&graph)
        #expect(throws: expected, sourceLocation: sourceLocation) { try Verifier.verify(graph) }
    }

    @Test func acceptsAValidGraph() throws {
        try Verifier.verify(try validGraph())
    }

    @Test func rejectsDuplicateNodeNames() throws {
        try expectFailure(.duplicateNodeName("fc")) { $0.nodes[1].name = "fc" }
    }

    @Test func rejectsAValueProducedTwice() throws {
        try expectFailure(.duplicateDefinition(value: "h")) { $0.nodes[1].outputs = ["h"] }
    }

    @Test func rejectsAnInitializerThatIsAlsoAnInput() throws {
        try expectFailure(.duplicateDefinition(value: "x")) { $0.initializers["x"] = Tensor(shape: [1, 4], floats: [1, 2, 3, 4]) }
    }

    @Test func rejectsReadingAnUndefinedValue() throws {
        try expectFailure(.undefinedValue(node: "relu", value: "ghost")) { $0.nodes[1].inputs = ["ghost"] }
    }

    @Test func rejectsNodesOutOfOrder() throws {
        try expectFailure(.notTopological(node: "relu", value: "h")) { $0.nodes.swapAt(0, 1) }
    }

    @Test func rejectsAnUndefinedGraphOutput() throws {
        try expectFailure(.undefinedGraphOutput("z")) { $0.outputs.append("z") }
    }

    @Test func rejectsAValueWithoutType() throws {
        try expectFailure(.missingType(value: "h")) { $0.types["h"] = nil }
        try expectFailure(.missingType(value: "b")) { $0.types["b"] = nil }
    }

    @Test func rejectsAnInitializerWhoseRecordedTypeDiffers() throws {
        try expectFailure(.initializerTypeMismatch(name: "b", recorded: TensorType(.float32, [4]),
                                                   actual: TensorType(.float32, [3]))) {
            $0.types["b"] = TensorType(.float32, [4])
        }
    }

    @Test func rejectsAGraphInputTypedDifferentlyFromItsDeclaration() throws {
        try expectFailure(.badGraphInput(name: "x", detail: "declared f32[1,4], typed i64[1,4]")) {
            $0.types["x"] = TensorType(.int64, [1, 4])
        }
    }

    @Test func rejectsTheWrongNumberOfInputsOrOutputs() throws {
        try expectFailure(.arityMismatch(node: "fc", op: "FullyConnected", operands: "inputs", allowed: 2...3, found: 1)) {
            $0.nodes[0].inputs = ["x"]
        }
        try expectFailure(.arityMismatch(node: "relu", op: "Relu", operands: "outputs", allowed: 1...1, found: 2)) {
            $0.nodes[1].outputs = ["y", "extra"]
            $0.types["extra"] = TensorType(.float32, [1, 3])
        }
    }

    @Test func describesArityInWords() {
        let error = IRError.arityMismatch(node: "fc", op: "FullyConnected", operands: "inputs", allowed: 2...3, found: 1)
        #expect(error.errorDescription == "node 'fc' (FullyConnected) takes 2 to 3 inputs, has 1")
        let concat = IRError.arityMismatch(node: "cat", op: "Concat", operands: "inputs", allowed: 1...Int.max, found: 0)
        #expect(concat.errorDescription == "node 'cat' (Concat) takes at least 1 inputs, has 0")
    }

    @Test func rejectsAnEmptyRequiredOperand() throws {
        try expectFailure(.missingOperand(node: "fc", op: "FullyConnected", operands: "inputs", index: 1)) {
            $0.nodes[0].inputs = ["x", "", "b"]
        }
    }

    @Test func rejectsAFusedClipWithUnorderedBounds() throws {
        try expectFailure(.invalidAttribute(node: "fc", op: "FullyConnected", detail: "fused clip has min 6.0 above max 0.0")) {
            $0.nodes[0].op = .fullyConnected(activation: .clip(min: 6, max: 0))
        }
    }

    @Test func rejectsAFullyConnectedWeightThatDoesNotMatchTheInput() throws {
        try expectFailure(.shapeMismatch(node: "fc", op: "FullyConnected",
                                         detail: "weight [4,3] must be [M, K] for input [1,4] of shape [N, K]")) {
            $0.initializers["w"] = Tensor(shape: [4, 3], floats: .init(repeating: 1, count: 12))
            $0.types["w"] = TensorType(.float32, [4, 3])
        }
        try expectFailure(.shapeMismatch(node: "fc", op: "FullyConnected", detail: "bias [2] must be [3] for weight [3,4]")) {
            $0.initializers["b"] = Tensor(shape: [2], floats: [1, 2])
            $0.types["b"] = TensorType(.float32, [2])
        }
    }

    @Test func allowsAnOmittedOptionalOperand() throws {
        var graph = try validGraph()
        graph.nodes[0].inputs = ["x", "w", ""]
        graph.initializers["b"] = nil
        graph.types["b"] = nil
        try Verifier.verify(graph)
    }
}
