import IR
import Testing
@testable import Quantization
import Reference

/// `QDQQuantizer` on small hand-built QDQ graphs: the compiled integer graph against the QDQ model's
/// own float semantics (the float reference runs QuantizeLinear/DequantizeLinear as ONNX defines
/// them), the model's parameters taken over unchanged, and every pattern that cannot be honoured
/// refused with the node's name.
@Suite("QDQ quantizer")
struct QDQQuantizerTests {
    static let inputScale: Float = 1 / 255
    static let weightScales: [Float] = [0.01, 0.02]
    static let outputScale: Float = 0.05

    /// `x [1, 1, 5, 5] → Q → DQ → Conv 3×3 (2 channels, int8 weights per channel, int32 bias) →
    /// [tail] → Q → DQ → y`. `tail` may insert float nodes between the conv output `c` and the value
    /// `t` the final Q reads; without it `t` is `c`.
    static func model(activation: DataType = .uint8, weightZeroPoint: Int8 = 0, dequantizeScale: Float? = nil,
                      tail: [Node] = [], extraInitializers: [String: Tensor] = [:]) -> Graph {
        let weights: [Int8] = (0..<18).map { Int8(($0 * 37 % 29) - 14) }
        let zeroPoint = activation == .uint8 ? Tensor(shape: [], data: .uint8([0])) : Tensor(shape: [], data: .int8([-128]))
        let outputZeroPoint = activation == .uint8 ? Tensor(shape: [], data: .uint8([100])) : Tensor(shape: [], data: .int8([-28]))
        var initializers: [String: Tensor] = [
            "x_scale": Tensor(shape: [], floats: [inputScale]), "x_zp": zeroPoint,
            "w_q": Tensor(shape: [2, 1, 3, 3], data: .int8(weights)),
            "w_scale": Tensor(shape: [2], floats: weightScales),
            "w_zp": Tensor(shape: [2], data: .int8([0, weightZeroPoint])),
            "b_q": Tensor(shape: [2], data: .int32([700, -1500])),
            "b_scale": Tensor(shape: [2], floats: weightScales.map { inputScale * $0 }),
            "b_zp": Tensor(shape: [2], data: .int32([0, 0])),
            "y_scale": Tensor(shape: [], floats: [outputScale]), "y_zp": outputZeroPoint,
            "y_dq_scale": Tensor(shape: [], floats: [dequantizeScale ?? outputScale]),
        ]
        initializers.merge(extraInitializers) { $1 }
        let conv = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1], padding: .explicit([1, 1, 1, 1]), group: 1)
        let nodes = [
            Node(name: "w_dq", op: .dequantizeLinear(axis: 0), inputs: ["w_q", "w_scale", "w_zp"], outputs: ["w"]),
            Node(name: "b_dq", op: .dequantizeLinear(axis: 0), inputs: ["b_q", "b_scale", "b_zp"], outputs: ["b"]),
            Node(name: "x_q", op: .quantizeLinear(axis: 1), inputs: ["x", "x_scale", "x_zp"], outputs: ["xq"]),
            Node(name: "x_dq", op: .dequantizeLinear(axis: 1), inputs: ["xq", "x_scale", "x_zp"], outputs: ["xd"]),
            Node(name: "conv", op: .conv(conv), inputs: ["xd", "w", "b"], outputs: ["c"]),
        ] + tail + [
            Node(name: "y_q", op: .quantizeLinear(axis: 1), inputs: [tail.last?.outputs[0] ?? "c", "y_scale", "y_zp"], outputs: ["yq"]),
            Node(name: "y_dq", op: .dequantizeLinear(axis: 1), inputs: ["yq", "y_dq_scale", "y_zp"], outputs: ["y"]),
        ]
        return Graph(name: "qdq", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 1, 5, 5]))], outputs: ["y"],
                     initializers: initializers, nodes: nodes)
    }

    static let image = Tensor(shape: [1, 1, 5, 5], floats: (0..<25).map { Float(($0 * 53) % 256) / 255 })

    static func unsupportedNode(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch IRError.unsupportedQDQ(let node, _, _) {
            return node
        } catch {
            return "other error: \(error)"
        }
        return nil
    }

    @Test("matches the QDQ model's float semantics within 1 LSB", arguments: [DataType.uint8, .int8])
    func matchesQDQSemantics(activation: DataType) throws {
        let graph = Self.model(activation: activation)
        #expect(QDQQuantizer.isQuantized(graph))
        let quantized = try QDQQuantizer.quantize(imported: graph, options: QuantizationOptions())
        let reference = try #require(try FloatInterpreter(graph: try ShapeInference.infer(graph)).run(["x": Self.image])["y"])
        let ours = try #require(try IntegerInterpreter(graph: quantized).run(Self.image)["y"])
        let differences = zip(ours.floats, reference.floats).map { abs($0 - $1) / Self.outputScale }
        #expect(differences.max()! <= 1.0001, "largest difference \(differences.max()!) LSB")
        #expect(differences.filter { $0 > 0.5 }.count <= 1, "more than one rounding difference: \(differences)")
    }

    @Test("takes over the model's parameters; uint8 becomes int8 by subtracting 128")
    func keepsParameters() throws {
        let quantized = try QDQQuantizer.quantize(imported: Self.model(), options: QuantizationOptions())
        #expect(quantized.input.params == QuantParams(scale: Self.inputScale, zeroPoint: -128))
        #expect(quantized.outputs.map(\.params) == [QuantParams(scale: Self.outputScale, zeroPoint: -28)])
        guard case .conv(let conv) = try #require(quantized.layers.first).op else {
            Issue.record("the first layer is not a convolution")
            return
        }
        #expect(conv.weight == Self.model().initializers["w_q"])
        #expect(conv.weightScales == Self.weightScales)
        let weightSums = (0..<2).map { channel in conv.weight.int64s[(channel * 9)..<(channel * 9 + 9)].reduce(0, +) }
        #expect(conv.bias == [Int32(700 + 128 * weightSums[0]), Int32(-1500 + 128 * weightSums[1])])
        #expect(conv.inputZeroPoint == -128 && conv.outputZeroPoint == -28)
    }

    @Test("a float graph is not pre-quantized")
    func floatGraph() {
        var graph = Self.model()
        graph.nodes = graph.nodes.filter { $0.name == "conv" }
        #expect(!QDQQuantizer.isQuantized(graph))
    }

    @Test("a weight zero point other than 0 names the convolution")
    func weightZeroPoint() {
        #expect(Self.unsupportedNode { _ = try QDQQuantizer.quantize(imported: Self.model(weightZeroPoint: 3), options: QuantizationOptions()) } == "conv")
    }

    @Test("a DequantizeLinear with other parameters than its QuantizeLinear is a requantization")
    func requantization() {
        #expect(Self.unsupportedNode {
            _ = try QDQQuantizer.quantize(imported: Self.model(dequantizeScale: 0.07), options: QuantizationOptions())
        } == "y_dq")
    }

    @Test("a float op left between quantized values names it")
    func floatOpInTheMiddle() {
        let graph = Self.model(tail: [Node(name: "sig", op: .sigmoid, inputs: ["c"], outputs: ["s"])])
        #expect(Self.unsupportedNode { _ = try QDQQuantizer.quantize(imported: graph, options: QuantizationOptions()) } == "conv")
    }

    @Test("a conv output quantized before a ReLU with other parameters cannot be fused")
    func quantizationInsideFusion() {
        let tail = [
            Node(name: "c_q", op: .quantizeLinear(axis: 1), inputs: ["c", "c_scale", "y_zp"], outputs: ["cq"]),
            Node(name: "c_dq", op: .dequantizeLinear(axis: 1), inputs: ["cq", "c_scale", "y_zp"], outputs: ["cd"]),
            Node(name: "relu", op: .relu, inputs: ["cd"], outputs: ["r"]),
        ]
        let graph = Self.model(tail: tail, extraInitializers: ["c_scale": Tensor(shape: [], floats: [0.08])])
        #expect(Self.unsupportedNode { _ = try QDQQuantizer.quantize(imported: graph, options: QuantizationOptions()) } == "conv")
    }

    @Test("the same ReLU pattern with equal parameters fuses exactly")
    func equalParametersFuse() throws {
        let tail = [
            Node(name: "c_q", op: .quantizeLinear(axis: 1), inputs: ["c", "y_scale", "y_zp"], outputs: ["cq"]),
            Node(name: "c_dq", op: .dequantizeLinear(axis: 1), inputs: ["cq", "y_scale", "y_zp"], outputs: ["cd"]),
            Node(name: "relu", op: .relu, inputs: ["cd"], outputs: ["r"]),
        ]
        let graph = Self.model(tail: tail)
        let quantized = try QDQQuantizer.quantize(imported: graph, options: QuantizationOptions())
        let reference = try #require(try FloatInterpreter(graph: try ShapeInference.infer(graph)).run(["x": Self.image])["y"])
        let ours = try #require(try IntegerInterpreter(graph: quantized).run(Self.image)["y"])
        #expect(zip(ours.floats, reference.floats).allSatisfy { abs($0 - $1) <= Self.outputScale * 1.0001 })
        #expect(ours.floats.allSatisfy { $0 >= 0 })
    }

    @Test("only the default arithmetic runs a pre-quantized model")
    func otherArithmetic() {
        #expect(Self.unsupportedNode {
            _ = try QDQQuantizer.quantize(imported: Self.model(), options: QuantizationOptions(arithmetic: .vgg16CU))
        } == "qdq")
    }
}
