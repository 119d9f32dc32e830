import TestSupport
import Testing
@testable import IR

/// Folding of shape chains, ConstantOfShape and weight re-layouts into initializers.
struct ConstantFoldingTests {
    @Test func foldsShapeChainLeavingReshape() throws {
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 512, 7, 7]))], outputs: ["y"],
            initializers: ShapeChain.initializers, nodes: ShapeChain.nodes))
        let folded = try ConstantFolding().run(graph)
        #expect(folded.nodes.map(\.name) == ["reshape"])
        #expect(folded.initializers["target"] == Tensor(shape: [2], int64s: [1, -1]))
        #expect(folded.initializers["dims"] == Tensor(shape: [4], int64s: [1, 512, 7, 7]))
        #expect(try ShapeInference.infer(folded).types["y"] == TensorType(.float32, [1, 25088]))
    }

    @Test func foldsConstantOfShapeAndWeightTranspose() throws {
        let weight = KernelTestSupport.randomTensor([3, 4], seed: 81)
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [2, 3]))], outputs: ["y"],
            initializers: ["w": weight, "extent": Tensor(shape: [2], int64s: [2, 4])],
            nodes: [
                Node(name: "wt", op: .transpose(perm: nil), inputs: ["w"], outputs: ["wT"]),
                Node(name: "fill", op: .constantOfShape(value: Tensor(shape: [1], floats: [0.5])), inputs: ["extent"], outputs: ["half"]),
                Node(name: "mm", op: .matMul, inputs: ["x", "w"], outputs: ["p"]),
                Node(name: "add", op: .add, inputs: ["p", "half"], outputs: ["y"]),
            ]))
        let folded = try ConstantFolding().run(graph)
        #expect(folded.nodes.map(\.name) == ["mm", "add"])
        #expect(folded.initializers["half"] == Tensor(shape: [2, 4], floats: [Float](repeating: 0.5, count: 8)))
        #expect(folded.initializers["wT"]?.shape == [4, 3])
        #expect(folded.initializers["wT"]?.floats[1] == weight.floats[4])
        #expect(folded.initializers["w"] == weight)
    }

    @Test func leavesLargeBroadcastsAlone() throws {
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [], outputs: ["big"], initializers: ["extent": Tensor(shape: [1], int64s: [1 << 19])],
            nodes: [Node(name: "fill", op: .constantOfShape(value: Tensor(shape: [1], floats: [1])), inputs: ["extent"],
                         outputs: ["big"])]))
        #expect(try ConstantFolding().run(graph).nodes.map(\.name) == ["fill"])
    }

    @Test func foldsLargeBroadcastsThatBecomeWeights() throws {
        // A 2 MiB weight made by ConstantOfShape and reshaped, as the model-zoo light models do.
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 512, 1, 1]))], outputs: ["y"],
            initializers: ["extent": Tensor(shape: [1], int64s: [1 << 19]), "dims": Tensor(shape: [4], int64s: [1024, 512, 1, 1])],
            nodes: [Node(name: "fill", op: .constantOfShape(value: Tensor(shape: [1], floats: [0.25])), inputs: ["extent"],
                         outputs: ["flat"]),
                    Node(name: "shape_weight", op: .reshape(allowZero: false), inputs: ["flat", "dims"], outputs: ["w"]),
                    Node(name: "conv", op: .conv(ConvAttributes(kernelShape: [1, 1], strides: [1, 1], dilations: [1, 1],
                                                                padding: .explicit([0, 0, 0, 0]), group: 1)),
                         inputs: ["x", "w"], outputs: ["y"])]))
        let folded = try ConstantFolding().run(graph)
        #expect(folded.nodes.map(\.name) == ["conv"])
        #expect(folded.initializers["w"]?.shape == [1024, 512, 1, 1])
        #expect(folded.initializers["w"]?.floats.allSatisfy { $0 == 0.25 } == true)
    }

    @Test func weightValuesStopAtValuesOtherNodesRead() throws {
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 2]))], outputs: ["y", "half"],
            initializers: ["extent": Tensor(shape: [2], int64s: [3, 2])],
            nodes: [Node(name: "fill", op: .constantOfShape(value: Tensor(shape: [1], floats: [0.5])), inputs: ["extent"],
                         outputs: ["half"]),
                    Node(name: "fc", op: .fullyConnected(activation: nil), inputs: ["x", "half"], outputs: ["y"])]))
        // `half` is also a graph output, so it is not only a weight; `extent` feeds only it.
        #expect(ConstantFolding.weightValues(of: graph) == [])
    }
}
