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
        // The chain's intermediate values are dropped once their readers are folded.
        #expect(folded.initializers["dims"] == nil)
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

    /// A 4 MiB weight built by ConstantOfShape → Mul → Sub → Relu → Reshape, read by a conv: each
    /// step's input is released as its reader folds and the elementwise steps run in its buffer, so
    /// folding never holds more than the one 4 MiB buffer (holding every step, as folding once did,
    /// takes four). The values check the operand order of the in-place steps.
    @Test func foldsAWeightChainHoldingOneCopy() throws {
        let count = 1 << 20
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 512, 1, 1]))], outputs: ["y"],
            initializers: ["extent": Tensor(shape: [1], int64s: [Int64(count)]), "dims": Tensor(shape: [4], int64s: [2048, 512, 1, 1]),
                           "three": Tensor(shape: [], floats: [3]), "one": Tensor(shape: [1], floats: [1])],
            nodes: [Node(name: "fill", op: .constantOfShape(value: Tensor(shape: [1], floats: [0.5])), inputs: ["extent"], outputs: ["half"]),
                    Node(name: "scale", op: .mul, inputs: ["three", "half"], outputs: ["scaled"]),
                    Node(name: "flip", op: .sub, inputs: ["one", "scaled"], outputs: ["flipped"]),
                    Node(name: "clamp", op: .relu, inputs: ["flipped"], outputs: ["clamped"]),
                    Node(name: "shape_weight", op: .reshape(allowZero: false), inputs: ["clamped", "dims"], outputs: ["w"]),
                    Node(name: "conv", op: .conv(ConvAttributes(kernelShape: [1, 1], strides: [1, 1], dilations: [1, 1],
                                                                padding: .explicit([0, 0, 0, 0]), group: 1)),
                         inputs: ["x", "w"], outputs: ["y"])]))
        let (folded, peakBytes) = try ConstantFolding().foldMeasuringPeak(graph)
        #expect(folded.nodes.map(\.name) == ["conv"])
        #expect(peakBytes == count * 4)
        // relu(1 − 3 × 0.5) = 0 everywhere; the intermediate values are gone.
        #expect(folded.initializers["w"]?.floats.allSatisfy { $0 == 0 } == true)
        #expect(["half", "scaled", "flipped", "clamped"].allSatisfy { folded.initializers[$0] == nil })
    }

    /// A folded value two folded nodes read is kept for the second: the first computes into a new
    /// buffer (two buffers alive), the second in the shared value's own, and neither sees the
    /// other's writes.
    @Test func keepsAFoldedValueUntilItsLastReader() throws {
        let count = 1 << 18
        let conv = Op.conv(ConvAttributes(kernelShape: [1, 1], strides: [1, 1], dilations: [1, 1], padding: .explicit([0, 0, 0, 0]),
                                          group: 1))
        let graph = try ShapeInference.infer(Graph(
            name: "g", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 256, 1, 1]))], outputs: ["y", "z"],
            initializers: ["dims": Tensor(shape: [4], int64s: [1024, 256, 1, 1]), "two": Tensor(shape: [1], floats: [2])],
            nodes: [Node(name: "fill", op: .constantOfShape(value: Tensor(shape: [1], floats: [0.5])), inputs: ["dims"], outputs: ["half"]),
                    Node(name: "double", op: .mul, inputs: ["half", "two"], outputs: ["w1"]),
                    Node(name: "raise", op: .add, inputs: ["half", "two"], outputs: ["w2"]),
                    Node(name: "conv1", op: conv, inputs: ["x", "w1"], outputs: ["y"]),
                    Node(name: "conv2", op: conv, inputs: ["x", "w2"], outputs: ["z"])]))
        let (folded, peakBytes) = try ConstantFolding().foldMeasuringPeak(graph)
        #expect(folded.nodes.map(\.name) == ["conv1", "conv2"])
        #expect(peakBytes == 2 * count * 4)
        #expect(folded.initializers["w1"]?.floats.allSatisfy { $0 == 1 } == true)
        #expect(folded.initializers["w2"]?.floats.allSatisfy { $0 == 2.5 } == true)
        #expect(folded.initializers["half"] == nil)
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
