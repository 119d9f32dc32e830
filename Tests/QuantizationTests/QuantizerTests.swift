import Foundation
@testable import IR
import Testing
import TestSupport
import Calibration
@testable import Quantization
import Reference

@Suite("Quantizer")
struct QuantizerTests {
    /// The small CNN, canonicalised, calibrated with min-max on 32 random inputs.
    static func calibratedCNN() throws -> (graph: Graph, ranges: [String: ClosedRange<Float>]) {
        let graph = try SampleGraphs.canonical(SampleGraphs.smallCNN(seed: 1))
        let inputs = SampleGraphs.randomInputs(32, shape: [1, 3, 8, 8], seed: 100)
        return (graph, try Calibrator.ranges(of: graph, inputs: inputs, method: .minMax))
    }

    /// Float and integer outputs on 24 fresh inputs: the mean cosine of the logits (the softmax
    /// inputs) and the top-1 agreement.
    static func agreement(_ graph: Graph, _ quantized: QuantizedGraph) throws -> (cosine: Double, top1: Double) {
        let float = FloatInterpreter(graph: graph), integer = IntegerInterpreter(graph: quantized)
        let inputs = SampleGraphs.randomInputs(24, shape: [1, 3, 8, 8], seed: 200)
        var cosines: [Double] = [], agreeing = 0
        for input in inputs {
            var floatLogits: [Float] = []
            _ = try float.run(["input": input]) { node, outputs in if node.name == "fc" { floatLogits = outputs[0].floats } }
            let intLogits = try integer.runStored(input)["prob"].map { stored in
                stored.int64s.map { quantized.outputs[0].params.dequantize(Int32($0)) }
            } ?? []
            cosines.append(QuantizationTestSupport.cosine(floatLogits, intLogits))
            if floatLogits.indices.max(by: { floatLogits[$0] < floatLogits[$1] }) == intLogits.indices.max(by: { intLogits[$0] < intLogits[$1] }) {
                agreeing += 1
            }
        }
        return (cosines.reduce(0, +) / Double(cosines.count), Double(agreeing) / Double(inputs.count))
    }

    @Test func defaultModeTracksTheFloatNetwork() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        #expect(quantized.layers.map(\.name) == ["conv1", "pool1", "conv2", "pool2", "flatten", "fc"])
        let (cosine, top1) = try Self.agreement(graph, quantized)
        #expect(cosine > 0.999)
        #expect(top1 >= 0.9)
    }

    @Test func runReturnsTheHostSoftmaxOfTheDequantizedLogits() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        #expect(quantized.outputs == [QuantizedOutput(name: "prob", value: "logits", dims: [1, 10], params: quantized.layers.last!.params,
                                                      hostSoftmax: .init(axis: 1, coerce2D: false))])
        let input = SampleGraphs.randomInputs(1, shape: [1, 3, 8, 8], seed: 7)[0]
        let interpreter = IntegerInterpreter(graph: quantized)
        let probabilities = try #require(try interpreter.run(input)["prob"]).floats
        let logits = try #require(try interpreter.runStored(input)["prob"]).int64s.map { quantized.outputs[0].params.dequantize(Int32($0)) }
        let exponentials = logits.map { exp(Double($0 - logits.max()!)) }
        let total = exponentials.reduce(0, +)
        for (probability, exponential) in zip(probabilities, exponentials) { #expect(abs(Double(probability) - exponential / total) < 1e-6) }
    }

    @Test func biasFoldsTheInputZeroPoint() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        guard case .conv(let conv) = quantized.layers[0].op else { Issue.record("first layer is not a conv"); return }
        let floatBias = try #require(graph.initializers[graph.nodes[0].inputs[2]]).floats
        let weights = conv.weight.int64s, perChannel = weights.count / conv.outputChannels
        for channel in 0..<conv.outputChannels {
            let accumulatorScale = Double(quantized.input.params.scale) * Double(conv.weightScales[channel])
            let weightSum = weights[(channel * perChannel)..<((channel + 1) * perChannel)].reduce(0, +)
            let expected = (Double(floatBias[channel]) / accumulatorScale).rounded() - Double(quantized.input.params.zeroPoint) * Double(weightSum)
            #expect(Double(conv.bias[channel]) == expected)
        }
        #expect(quantized.input.params.zeroPoint == -128)  // inputs in [0, 1]
        #expect(conv.outputClamp.lowerBound == quantized.layers[0].params.zeroPoint)  // fused ReLU
    }

    /// With the calibrated channel means, each conv and FC bias loses the expected error of its
    /// stored weights, `Σ_k (q s_w − w) μ[c(k)] f(k)` (computed here from the float and stored weights),
    /// to within the bias's own rounding; and the logits stay at least as close to fp32.
    @Test func biasCorrectionSubtractsTheStoredWeightsExpectedError() throws {
        let graph = try SampleGraphs.canonical(SampleGraphs.smallCNN(seed: 1))
        var calibrator = Calibrator(graph: graph, method: .minMax)
        for input in SampleGraphs.randomInputs(32, shape: [1, 3, 8, 8], seed: 100) { try calibrator.observe(input) }
        let means = calibrator.channelMeans()
        let plain = try Quantizer.quantize(graph, ranges: calibrator.ranges(), options: QuantizationOptions())
        let corrected = try Quantizer.quantize(graph, ranges: calibrator.ranges(), options: QuantizationOptions(), channelMeans: means)
        var checked = 0
        for (before, after) in zip(plain.layers, corrected.layers) {
            guard case .conv(let conv) = after.op, case .conv(let original) = before.op else {
                guard case .fullyConnected(let conv) = after.op, case .fullyConnected(let original) = before.op else { continue }
                try Self.expectCorrection(original, conv, layer: after, graph: graph, means: means, inputScale: try Self.scale(of: after.inputs[0], in: corrected))
                checked += 1
                continue
            }
            try Self.expectCorrection(original, conv, layer: after, graph: graph, means: means, inputScale: try Self.scale(of: after.inputs[0], in: corrected))
            checked += 1
        }
        #expect(checked == 3)
        #expect(try Self.agreement(graph, corrected).cosine >= Self.agreement(graph, plain).cosine - 1e-4)
    }

    static func scale(of value: String, in graph: QuantizedGraph) throws -> Double {
        if value == graph.input.name { return Double(graph.input.params.scale) }
        return Double(try #require(graph.layers.first { $0.output == value }).params.scale)
    }

    /// `after.bias − before.bias` is `−Σ_k (q s_w − w) μ[c(k)] f(k) / (s_in s_w)` up to one level,
    /// `f(k)` the share of output positions at which tap `k` reads inside the input (counted here
    /// over the whole output plane).
    static func expectCorrection(_ before: QuantizedConv, _ after: QuantizedConv, layer: QuantizedLayer, graph: Graph,
                                 means: [String: [Float]], inputScale: Double) throws {
        let node = try #require(graph.nodes.first { $0.name == layer.name })
        let weights = try #require(graph.floatConstant(node.inputs[1])).floats
        let mean = try #require(means[layer.inputs[0]])
        let stored = after.weight.int64s
        let perChannel = stored.count / after.outputChannels, taps = perChannel / mean.count
        let coverage = Self.planeCoverage(after.window)
        #expect(coverage.count == taps)
        for channel in 0..<after.outputChannels {
            let scale = Double(after.weightScales[channel])
            let error = (0..<perChannel).reduce(0.0) { sum, index in
                let offset = channel * perChannel + index
                return sum + (Double(stored[offset]) * scale - Double(weights[offset])) * Double(mean[index / taps]) * coverage[index % taps]
            }
            let expected = -error / (inputScale * scale)
            #expect(abs(Double(after.bias[channel] - before.bias[channel]) - expected) <= 1, "\(layer.name) channel \(channel)")
        }
    }

    /// For each tap of `window`, the share of the output plane's positions at which it reads inside
    /// the input.
    static func planeCoverage(_ window: QuantizedWindow) -> [Double] {
        var shares: [Double] = []
        for row in 0..<window.kernel[0] {
            for column in 0..<window.kernel[1] {
                var inside = 0
                for y in 0..<window.outputSize[0] {
                    for x in 0..<window.outputSize[1] {
                        let inputRow = y * window.strides[0] - window.pads[0] + row * window.dilations[0]
                        let inputColumn = x * window.strides[1] - window.pads[1] + column * window.dilations[1]
                        if inputRow >= 0, inputRow < window.inputSize[0], inputColumn >= 0, inputColumn < window.inputSize[1] { inside += 1 }
                    }
                }
                shares.append(Double(inside) / Double(window.outputSize[0] * window.outputSize[1]))
            }
        }
        return shares
    }

    /// A depthwise layer's correction weights each tap's input mean by the share of outputs at which
    /// the tap reads the input: on a 3×3 plane with padding 1, a corner tap reads it at 4 of the 9
    /// outputs, an edge tap at 6, the centre at all 9.
    @Test func depthwiseBiasCorrectionCountsTheTapsThatReadTheInput() throws {
        let weight = KernelTestSupport.randomTensor([2, 1, 3, 3], seed: 7)
        let depthwise = Op.conv(ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1], padding: .explicit([1, 1, 1, 1]),
                                               group: 2))
        let graph = try ShapeInference.infer(Graph(
            name: "dw", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 2, 3, 3]))], outputs: ["y"],
            initializers: ["w": weight, "b": Tensor(shape: [2], floats: [0, 0])],
            nodes: [Node(name: "dw", op: depthwise, inputs: ["x", "w", "b"], outputs: ["y"])]))
        let ranges: [String: ClosedRange<Float>] = ["x": -1...1, "y": -4...4]
        let means: [Float] = [0.5, -0.25]
        let plain = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        let corrected = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(), channelMeans: ["x": means])
        guard case .conv(let before) = plain.layers[0].op, case .conv(let after) = corrected.layers[0].op else {
            Issue.record("the layer is not a conv")
            return
        }
        let shares: [Double] = [4, 6, 4, 6, 9, 6, 4, 6, 4].map { $0 / 9 }
        let stored = after.weight.int64s, floats = weight.floats
        for channel in 0..<2 {
            let scale = Double(after.weightScales[channel])
            let error = (0..<9).reduce(0.0) { sum, tap in
                sum + (Double(stored[channel * 9 + tap]) * scale - Double(floats[channel * 9 + tap])) * Double(means[channel]) * shares[tap]
            }
            let expected = -error / (Double(corrected.input.params.scale) * scale)
            #expect(abs(Double(after.bias[channel] - before.bias[channel]) - expected) <= 1, "channel \(channel)")
        }
    }

    @Test func perTensorOptionUsesOneWeightScale() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(weightGranularity: .perTensor))
        for layer in quantized.layers {
            if case .conv(let conv) = layer.op { #expect(conv.weightScales.count == 1) }
        }
        #expect(try Self.agreement(graph, quantized).cosine > 0.999)
    }

    @Test(arguments: [(ArithmeticMode.vgg16CU, 0.999), (.dynamicFixedPoint, 0.999), (.pow2Weights, 0.97), (.de1socQ10, 0.99999)])
    func everyModeTracksTheFloatNetwork(mode: ArithmeticMode, minimumCosine: Double) throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: mode))
        #expect(quantized.arithmetic == mode)
        #expect(try Self.agreement(graph, quantized).cosine > minimumCosine)
    }

    @Test func vgg16CUIsSymmetricPerLayerWithAFlooringSixteenBitScale() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: .vgg16CU))
        #expect(quantized.input.params.zeroPoint == 0)
        for layer in quantized.layers {
            #expect(layer.params.zeroPoint == 0)
            if case .conv(let conv) = layer.op {
                #expect(conv.weightScales.count == 1)
                guard case .cuScale(let scale) = conv.requantization else { Issue.record("not a CU scale"); continue }
                #expect((1...65535).contains(scale))
            }
        }
        // (acc × scale) >> 16 floors: −3 × 0.5 = −1.5 → −2 (round half up would give −1); 3 × 0.5 → 1.
        let conv = QuantizedConv(weight: Tensor(shape: [2, 1], data: .int8([-1, 1])), weightScales: [1], bias: [0, 0], window: .pointwise,
                                 group: 1, inputZeroPoint: 0, requantization: .cuScale(32768), outputZeroPoint: 0, outputClamp: -128...127)
        let single = QuantizationTestSupport.singleLayerGraph(.fullyConnected(conv), inputDims: [1, 1], outputDims: [1, 2], mode: .vgg16CU)
        #expect(try QuantizationTestSupport.runStored(single, input: [3]) == [-2, 1])
    }

    @Test func dynamicFixedPointUsesPowerOfTwoScalesAndShifts() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: .dynamicFixedPoint))
        let scales = [quantized.input.params.scale] + quantized.layers.map(\.params.scale)
        #expect(scales.allSatisfy { $0.significandBitPattern == 0 })
        for layer in quantized.layers {
            #expect(layer.params.zeroPoint == 0)
            if case .conv(let conv) = layer.op {
                #expect(conv.weightScales.allSatisfy { $0.significandBitPattern == 0 })
                guard case .shift(let shift) = conv.requantization else { Issue.record("not a shift"); continue }
                let real = Double(quantized.input.params.scale) * Double(conv.weightScales[0]) / Double(layer.params.scale)
                #expect(layer.name != "conv1" || pow(2, -Double(shift)) == real)
            }
        }
    }

    @Test func pow2WeightsAreZeroOrSignedPowersOfTwo() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: .pow2Weights))
        let allowed = Set([0] + (0...6).flatMap { [Int64(1) << $0, -(Int64(1) << $0)] })
        for layer in quantized.layers {
            switch layer.op {
            case .conv(let conv), .fullyConnected(let conv): #expect(Set(conv.weight.int64s).isSubset(of: allowed))
            default: break
            }
        }
    }

    @Test func de1socQ10StoresTwentyBitValuesClippedAtSixteen() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: .de1socQ10))
        #expect(quantized.input.params == QuantParams(scale: 1.0 / 1024, zeroPoint: 0))
        guard case .conv(let conv) = quantized.layers[0].op else { Issue.record("first layer is not a conv"); return }
        #expect(conv.weight.type.elementType == .int32)
        #expect(conv.requantization == .shift(10))
        let interpreter = IntegerInterpreter(graph: quantized)
        let large = Tensor(shape: [1, 3, 8, 8], floats: [Float](repeating: 20, count: 192))
        #expect(try interpreter.quantizeInput(large).allSatisfy { $0 == 16383 })
        var observedTypes: Set<DataType> = []
        _ = try interpreter.runStored(large) { _, tensor in observedTypes.insert(tensor.type.elementType) }
        #expect(observedTypes == [.int32])
    }

    @Test func de1socQ10SigmoidIsThePiecewiseLinearCurve() throws {
        let graph = try Self.sigmoidGraph()
        let ranges: [String: ClosedRange<Float>] = ["x": -10...10, "y": 0...1]
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: .de1socQ10))
        #expect(quantized.layers[0].op == .piecewiseLinearSigmoid(knots: PiecewiseLinearSigmoid.knots))
        let defaultMode = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        guard case .lookupTable(let table) = defaultMode.layers[0].op else { Issue.record("not a table"); return }
        #expect(table.count == 256)
        // The table is exact: each entry is the quantized sigmoid of the dequantized input.
        let input = defaultMode.input.params, output = defaultMode.layers[0].params
        for q in Int32(-128)...127 {
            let real = 1 / (1 + exp(-Double(input.dequantize(q))))
            #expect(Int32(table[Int(q) + 128]) == output.quantize(Float(real), into: -128...127))
        }
    }

    @Test func unquantizableOpsNameTheNode() throws {
        let transpose = Graph(name: "transpose", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 4, 2, 2]))], outputs: ["y"],
                              initializers: [:],
                              nodes: [Node(name: "swap", op: .transpose(perm: [0, 1, 3, 2]), inputs: ["x"], outputs: ["y"])])
        let typed = try ShapeInference.infer(transpose)
        #expect(throws: IRError.self) { try Quantizer.quantize(typed, ranges: ["x": 0...1, "y": 0...1], options: QuantizationOptions()) }
        do {
            _ = try Quantizer.quantize(typed, ranges: ["x": 0...1, "y": 0...1], options: QuantizationOptions())
        } catch let error as IRError {
            guard case .invalidOperand(let node, let op, _) = error else { Issue.record("\(error)"); return }
            #expect(node == "swap" && op == "Transpose")
        }
    }

    @Test func softmaxOnlyAsTheFinalOpAndRangesAreRequired() throws {
        let graph = try ShapeInference.infer(Graph(
            name: "mid", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 4]))], outputs: ["z"], initializers: [:],
            nodes: [Node(name: "softmax", op: .softmax(axis: 1, coerce2D: false), inputs: ["x"], outputs: ["y"]),
                    Node(name: "relu", op: .relu, inputs: ["y"], outputs: ["z"])]))
        #expect(throws: IRError.self) { try Quantizer.quantize(graph, ranges: ["x": 0...1, "y": 0...1, "z": 0...1], options: QuantizationOptions()) }
        #expect(throws: IRError.badGraphInput(name: "x", detail: "no calibration range")) {
            try Quantizer.quantize(graph, ranges: [:], options: QuantizationOptions())
        }
    }

    @Test func jsonRoundTripKeepsEveryParameter() throws {
        let (graph, ranges) = try Self.calibratedCNN()
        for mode in ArithmeticMode.allCases {
            let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: mode))
            let data = try JSONEncoder().encode(quantized)
            #expect(try JSONDecoder().decode(QuantizedGraph.self, from: data) == quantized)
        }
    }

    @Test func aSumClampedByAReluIsStoredInTheRelusRange() throws {
        // s = x + x on [-2, 2] spans [-4, 4], r = ReLU(s) [0, 4]: the Add stores at 4/255 with zero
        // point −128 and saturates negative sums at real 0; the ReLU after it, the identity clamp, folds
        // into the Add, which writes the ReLU's output.
        let graph = try ShapeInference.infer(Graph(
            name: "residual", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 8]))], outputs: ["r"], initializers: [:],
            nodes: [Node(name: "sum", op: .add, inputs: ["x", "x"], outputs: ["s"]),
                    Node(name: "relu", op: .relu, inputs: ["s"], outputs: ["r"])]))
        let quantized = try Quantizer.quantize(graph, ranges: ["x": -2...2, "s": -4...4, "r": 0...4], options: QuantizationOptions())
        let expected = QuantParams(scale: Float(4.0 / 255), zeroPoint: -128)
        #expect(quantized.layers.map(\.params) == [expected])
        #expect(quantized.layers.map(\.output) == ["r"])
        let input = Tensor(shape: [1, 8], floats: [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2])
        let output = try #require(try IntegerInterpreter(graph: quantized).run(input)["r"]).floats
        for (x, y) in zip(input.floats, output) { #expect(abs(y - max(2 * x, 0)) <= 4.0 / 255) }
    }

    @Test func globalAveragePoolingRescalesToItsOwnRange() throws {
        // Input [0, 4] (scale 4/255, zp −128); the means span [0, 1] (scale 1/255, zp −128): the
        // reciprocal is s_in / (4 s_out) = 1. Plane 0 holds 0, 1, 1, 2 (mean 1), plane 1 holds
        // 0, 0, 0, 4 (mean 1): both give stored 127, real 1.
        let graph = try ShapeInference.infer(Graph(
            name: "pool", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 2, 2, 2]))], outputs: ["y"], initializers: [:],
            nodes: [Node(name: "gap", op: .globalAveragePool, inputs: ["x"], outputs: ["y"])]))
        let quantized = try Quantizer.quantize(graph, ranges: ["x": 0...4, "y": 0...1], options: QuantizationOptions())
        #expect(quantized.layers[0].params == QuantParams(scale: Float(1.0 / 255), zeroPoint: -128))
        guard case .globalAveragePool(let inputZeroPoint, let outputZeroPoint, let reciprocal, _) = quantized.layers[0].op else {
            Issue.record("not a global average pool: \(quantized.layers[0].op)")
            return
        }
        #expect(inputZeroPoint == -128 && outputZeroPoint == -128)
        #expect(abs(reciprocal.realValue - Double(Float(4.0 / 255)) / (4 * Double(Float(1.0 / 255)))) < 1e-9)
        let input = Tensor(shape: [1, 2, 2, 2], floats: [0, 1, 1, 2, 0, 0, 0, 4])
        let stored = try #require(try IntegerInterpreter(graph: quantized).runStored(input)["y"]).int64s
        #expect(stored == [127, 127])
    }

    /// `y = Sigmoid(x)` on `[1, 4]`.
    static func sigmoidGraph() throws -> Graph {
        try ShapeInference.infer(Graph(name: "sigmoid", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 4]))], outputs: ["y"],
                                       initializers: [:], nodes: [Node(name: "sigmoid", op: .sigmoid, inputs: ["x"], outputs: ["y"])]))
    }
}
