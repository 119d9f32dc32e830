@testable import IR
import Testing
import TestSupport
import Calibration
@testable import Quantization
import Reference

/// The blocks of modern CNNs in one small float graph — depthwise conv, residual Add, SiLU,
/// squeeze-and-excitation (ReduceMean, HardSigmoid gate, Mul), HardSwish, Split, Concat, channel
/// shuffle, a standalone BatchNormalization — canonicalised, calibrated, quantized, and the integer
/// reference compared with the float one.
@Suite("Network blocks quantized")
struct NetworkBlocksTests {
    static func blocksGraph() -> Graph {
        var seed: UInt64 = 40
        func random(_ shape: Shape, _ range: ClosedRange<Float> = -0.5...0.5) -> Tensor {
            seed += 1
            var generator = SeededGenerator(seed: seed)
            return Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: range, using: &generator) })
        }
        func conv(_ kernel: Int, group: Int = 1) -> Op {
            .conv(ConvAttributes(kernelShape: [kernel, kernel], strides: [1, 1], dilations: [1, 1],
                                 padding: .explicit([Int](repeating: kernel / 2, count: 4)), group: group))
        }
        let initializers: [String: Tensor] = [
            "w0": random([8, 3, 3, 3]), "b0": random([8]), "wd": random([8, 1, 3, 3]), "bd": random([8]),
            "axes": Tensor(shape: [2], int64s: [2, 3]), "w1": random([4, 8, 1, 1]), "b1": random([4]),
            "w2": random([8, 4, 1, 1]), "b2": random([8]), "wb": random([4, 4, 1, 1]), "bb": random([4]),
            "grouped": Tensor(shape: [5], int64s: [1, 2, 4, 8, 8]), "merged": Tensor(shape: [4], int64s: [1, 8, 8, 8]),
            "gamma": random([8], 0.5...1.5), "beta": random([8]), "mean": random([8]), "var": random([8], 0.5...1.5),
        ]
        let nodes = [
            Node(name: "conv0", op: conv(3), inputs: ["x", "w0", "b0"], outputs: ["c0"]),
            Node(name: "relu0", op: .relu, inputs: ["c0"], outputs: ["r0"]),
            Node(name: "depthwise", op: conv(3, group: 8), inputs: ["r0", "wd", "bd"], outputs: ["dw"]),
            Node(name: "residual", op: .add, inputs: ["r0", "dw"], outputs: ["res"]),
            Node(name: "sigmoid", op: .sigmoid, inputs: ["res"], outputs: ["sig"]),
            Node(name: "silu", op: .mul, inputs: ["res", "sig"], outputs: ["silu"]),
            Node(name: "squeeze", op: .reduceMean(axes: [2, 3], keepDims: true), inputs: ["silu"], outputs: ["pooled"]),
            Node(name: "reduce", op: conv(1), inputs: ["pooled", "w1", "b1"], outputs: ["e1"]),
            Node(name: "reduce_relu", op: .relu, inputs: ["e1"], outputs: ["e1r"]),
            Node(name: "expand", op: conv(1), inputs: ["e1r", "w2", "b2"], outputs: ["e2"]),
            Node(name: "gate", op: .hardSigmoid(alpha: 0.2, beta: 0.5), inputs: ["e2"], outputs: ["g"]),
            Node(name: "excite", op: .mul, inputs: ["silu", "g"], outputs: ["se"]),
            Node(name: "hardswish", op: .hardSwish, inputs: ["se"], outputs: ["hs"]),
            Node(name: "split", op: .split(axis: 1, sizes: nil), inputs: ["hs"], outputs: ["left", "right"]),
            Node(name: "branch", op: conv(1), inputs: ["right", "wb", "bb"], outputs: ["rb"]),
            Node(name: "concat", op: .concat(axis: 1), inputs: ["left", "rb"], outputs: ["cat"]),
            Node(name: "group", op: .reshape(allowZero: false), inputs: ["cat", "grouped"], outputs: ["g5"]),
            Node(name: "swap", op: .transpose(perm: [0, 2, 1, 3, 4]), inputs: ["g5"], outputs: ["t5"]),
            Node(name: "ungroup", op: .reshape(allowZero: false), inputs: ["t5", "merged"], outputs: ["shuffled"]),
            Node(name: "norm", op: .batchNormalization(epsilon: 1e-5), inputs: ["shuffled", "gamma", "beta", "mean", "var"],
                 outputs: ["bn"]),
            Node(name: "norm_relu", op: .relu, inputs: ["bn"], outputs: ["bnr"]),
            Node(name: "head", op: .reduceMean(axes: [-1, -2], keepDims: false), inputs: ["bnr"], outputs: ["y"]),
        ]
        return Graph(name: "blocks", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 3, 8, 8]))], outputs: ["y"],
                     initializers: initializers, nodes: nodes)
    }

    static func quantized() throws -> (graph: Graph, quantized: QuantizedGraph) {
        let graph = try SampleGraphs.canonical(blocksGraph())
        let ranges = try Calibrator.ranges(of: graph, inputs: SampleGraphs.randomInputs(16, shape: [1, 3, 8, 8], seed: 7),
                                           method: .minMax)
        return (graph, try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions()))
    }

    @Test func canonicalGraphNeedsNoNewLayerBeyondMultiplySliceAndShuffle() throws {
        let (graph, quantized) = try Self.quantized()
        #expect(graph.nodes.map(\.op.operatorName) == [
            "Conv", "Conv", "Add", "Swish", "ReduceMean", "Conv", "Conv", "HardSigmoid", "Mul", "HardSwish", "Split", "Conv",
            "Concat", "ChannelShuffle", "Conv", "ReduceMean",
        ])
        #expect(quantized.layers.map(\.op.operatorName) == [
            "Conv", "Conv", "Add", "LookupTable", "GlobalAveragePool", "Conv", "Conv", "LookupTable", "Multiply", "LookupTable",
            "SliceChannels", "SliceChannels", "Conv", "Concat", "ChannelShuffle", "Conv", "GlobalAveragePool",
        ])
        #expect(quantized.layers.map(\.name).contains("split:1"))
    }

    @Test func concatInputsShareTheOutputParameters() throws {
        let quantized = try Self.quantized().quantized
        let concat = try #require(quantized.layers.first { $0.name == "concat" })
        guard case .concat(_, let rescales, let shift, _, _) = concat.op else { Issue.record("not a concat"); return }
        // The branch conv writes only into the concat: identity rescale. The slice keeps the split input's scale.
        let branch = try #require(quantized.layers.first { $0.name == "branch" })
        #expect(branch.params == concat.params)
        #expect(rescales[1] == QuantizedRescale(zeroPoint: concat.params.zeroPoint, multiplier: Int64(1) << shift))
    }

    @Test func integerReferenceTracksTheFloatNetwork() throws {
        let (graph, quantized) = try Self.quantized()
        let float = FloatInterpreter(graph: graph), integer = IntegerInterpreter(graph: quantized)
        for input in SampleGraphs.randomInputs(4, shape: [1, 3, 8, 8], seed: 70) {
            let expected = try #require(try float.run(["x": input])["y"]).floats
            let actual = try #require(try integer.run(input)["y"]).floats
            #expect(QuantizationTestSupport.cosine(expected, actual) > 0.99)
        }
    }
}
