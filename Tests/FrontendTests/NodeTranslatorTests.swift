import Foundation
import IR
import Testing
@testable import Frontend

/// Each supported ONNX op translates to the IR op ONNX's operator documentation implies, in its
/// old and new opset forms; unsupported forms become support issues.
@Suite struct NodeTranslatorTests {
    typealias F = ONNXFixtures

    /// Translates a model of `nodes` over input `x [1,3,8,8]` and returns the last node's IR op,
    /// failing the test when the model has support issues.
    private func op(_ nodes: [Onnx_NodeProto], opset: Int64 = 13, initializers: [Onnx_TensorProto] = [],
                    inputs: [Onnx_ValueInfoProto] = [F.tensorInfo("x", [1, 3, 8, 8])]) throws -> Op? {
        let (report, translations) = try translate(nodes, opset: opset, initializers: initializers, inputs: inputs)
        #expect(report.issues == [])
        return translations.last?.node?.op
    }

    /// The support issue reasons of a model of `nodes`.
    private func reasons(_ nodes: [Onnx_NodeProto], opset: Int64 = 13, initializers: [Onnx_TensorProto] = [],
                         inputs: [Onnx_ValueInfoProto] = [F.tensorInfo("x", [1, 3, 8, 8])]) throws -> [String] {
        try translate(nodes, opset: opset, initializers: initializers, inputs: inputs).report.issues.map(\.reason)
    }

    private func translate(_ nodes: [Onnx_NodeProto], opset: Int64, initializers: [Onnx_TensorProto],
                           inputs: [Onnx_ValueInfoProto]) throws -> (report: SupportReport, translations: [Translation]) {
        let outputs = [nodes.last!.output[0]]
        let file = try F.load(F.model(nodes: nodes, inputs: inputs, outputs: outputs, initializers: initializers, opset: opset))
        return ONNXImporter(file).translate()
    }

    private let weights = F.floatTensor("w", [4, 3, 3, 2], Array(repeating: 0.5, count: 72))

    // MARK: Windows

    @Test func convInfersKernelShapeFromWeights() throws {
        let conv = F.node("Conv", ["x", "w"], ["y"], [F.attribute("pads", ints: [1, 0, 1, 0])])
        let expected = ConvAttributes(kernelShape: [3, 2], strides: [1, 1], dilations: [1, 1],
                                      padding: .explicit([1, 0, 1, 0]), group: 1)
        #expect(try op([conv], initializers: [weights]) == .conv(expected))
    }

    @Test func convReadsEveryAttribute() throws {
        let conv = F.node("Conv", ["x", "w", "b"], ["y"], [
            F.attribute("kernel_shape", ints: [3, 2]), F.attribute("strides", ints: [2, 1]),
            F.attribute("dilations", ints: [1, 2]), F.attribute("group", int: 1),
            F.attribute("auto_pad", string: "SAME_LOWER"),
        ])
        let bias = F.floatTensor("b", [4], [0, 0, 0, 0])
        let expected = ConvAttributes(kernelShape: [3, 2], strides: [2, 1], dilations: [1, 2], padding: .sameLower, group: 1)
        #expect(try op([conv], initializers: [weights, bias]) == .conv(expected))
    }

    @Test(arguments: [("SAME_UPPER", Padding.sameUpper), ("VALID", .valid), ("NOTSET", .explicit([0, 0, 0, 0]))])
    func convAutoPad(name: String, padding: Padding) throws {
        let conv = F.node("Conv", ["x", "w"], ["y"], [F.attribute("auto_pad", string: name)])
        guard case .conv(let attributes)? = try op([conv], initializers: [weights]) else {
            Issue.record("not a conv")
            return
        }
        #expect(attributes.padding == padding)
    }

    @Test func threeDimensionalConvIsUnsupported() throws {
        let weights3D = F.floatTensor("w", [1, 3, 2, 2, 2], Array(repeating: 1, count: 24))
        let conv = F.node("Conv", ["x", "w"], ["y"])
        let reasons = try reasons([conv], initializers: [weights3D], inputs: [F.tensorInfo("x", [1, 3, 4, 4, 4])])
        #expect(reasons == ["3-D windows are not supported (kernel_shape [2, 2, 2])"])
    }

    @Test func convWithMismatchedStridesIsReported() throws {
        let conv = F.node("Conv", ["x", "w"], ["y"], [F.attribute("strides", ints: [1, 1, 1])])
        #expect(try reasons([conv], initializers: [weights]) == ["attribute 'strides' is [1, 1, 1], expected 2 positive values"])
    }

    @Test func maxPoolOpset12() throws {
        let pool = F.node("MaxPool", ["x"], ["y"], [
            F.attribute("kernel_shape", ints: [3, 3]), F.attribute("strides", ints: [2, 2]),
            F.attribute("pads", ints: [1, 1, 1, 1]), F.attribute("dilations", ints: [2, 2]),
            F.attribute("ceil_mode", int: 1),
        ])
        let expected = PoolAttributes(kernelShape: [3, 3], strides: [2, 2], dilations: [2, 2],
                                      padding: .explicit([1, 1, 1, 1]), ceilMode: true, countIncludePad: false)
        #expect(try op([pool], opset: 12) == .maxPool(expected))
    }

    @Test func maxPoolIndicesAndStorageOrderAreUnsupported() throws {
        let indices = F.node("MaxPool", ["x"], ["y", "i"], name: "p1", [F.attribute("kernel_shape", ints: [2, 2])])
        #expect(try reasons([indices]) == ["the Indices output is not supported"])
        let columnMajor = F.node("MaxPool", ["x"], ["y"], [
            F.attribute("kernel_shape", ints: [2, 2]), F.attribute("storage_order", int: 1),
        ])
        #expect(try reasons([columnMajor]) == ["storage_order=1 (column-major indices) is not supported"])
    }

    @Test func averagePool() throws {
        let pool = F.node("AveragePool", ["x"], ["y"], [
            F.attribute("kernel_shape", ints: [2]), F.attribute("count_include_pad", int: 1),
            F.attribute("auto_pad", string: "SAME_UPPER"),
        ])
        let expected = PoolAttributes(kernelShape: [2], strides: [1], dilations: [1], padding: .sameUpper,
                                      ceilMode: false, countIncludePad: true)
        #expect(try op([pool], inputs: [F.tensorInfo("x", [1, 3, 8])]) == .averagePool(expected))
        let dilated = F.node("AveragePool", ["x"], ["y"], [
            F.attribute("kernel_shape", ints: [2, 2]), F.attribute("dilations", ints: [2, 2]),
        ])
        #expect(try reasons([dilated], opset: 19) == ["dilated average pooling (dilations [2, 2]) is not supported"])
    }

    // MARK: Activations

    @Test func simpleActivationsAndGlobalPools() throws {
        let cases: [(String, Op)] = [("Relu", .relu), ("Sigmoid", .sigmoid), ("Tanh", .tanh), ("Identity", .identity),
                                     ("GlobalAveragePool", .globalAveragePool), ("GlobalMaxPool", .globalMaxPool)]
        for (name, expected) in cases {
            #expect(try op([F.node(name, ["x"], ["y"])]) == expected, "\(name)")
        }
    }

    @Test func leakyReluAlpha() throws {
        #expect(try op([F.node("LeakyRelu", ["x"], ["y"])]) == .leakyRelu(alpha: 0.01))
        #expect(try op([F.node("LeakyRelu", ["x"], ["y"], [F.attribute("alpha", float: 0.2)])]) == .leakyRelu(alpha: 0.2))
    }

    @Test func clipAttributesBeforeOpset11() throws {
        let clip = F.node("Clip", ["x"], ["y"], [F.attribute("min", float: -0.5), F.attribute("max", float: 0.5)])
        #expect(try op([clip], opset: 6) == .clip(min: -0.5, max: 0.5))
        let upperOnly = F.node("Clip", ["x"], ["y"], [F.attribute("max", float: 6)])
        #expect(try op([upperOnly], opset: 6) == .clip(min: -.infinity, max: 6))
    }

    @Test func clipConstantInputsFromOpset11() throws {
        let low = F.floatTensor("low", [], [0])
        let high = F.node("Constant", [], ["high"], [F.attribute("value_float", float: 6)])
        let clip = F.node("Clip", ["x", "low", "high"], ["y"])
        #expect(try op([high, clip], opset: 11, initializers: [low]) == .clip(min: 0, max: 6))
        let onlyMax = F.node("Clip", ["x", "", "high"], ["y"])
        #expect(try op([high, onlyMax], opset: 13) == .clip(min: -.infinity, max: 6))
        #expect(try op([F.node("Clip", ["x"], ["y"])], opset: 13) == .clip(min: -.infinity, max: .infinity))
    }

    @Test func clipIRNodeKeepsOnlyTheData() throws {
        let low = F.floatTensor("low", [], [0])
        let file = try F.load(F.model(nodes: [F.node("Clip", ["x", "low"], ["y"], name: "c")],
                                      inputs: [F.tensorInfo("x", [2])], outputs: ["y"], initializers: [low], opset: 13))
        #expect(ONNXImporter(file).translate().translations.map(\.node) == [Node(name: "c", op: .clip(min: 0, max: .infinity), inputs: ["x"], outputs: ["y"])])
    }

    @Test func clipBoundComputedAtRunTimeMustBeConstant() throws {
        let relu = F.node("Relu", ["x"], ["r"])
        let clip = F.node("Clip", ["x", "r"], ["y"], name: "clip")
        #expect(try reasons([relu, clip]) == ["input 'min' ('r') must be a constant (an initializer or a Constant output)"])
    }

    @Test func softmaxAxisDefaultsByOpset() throws {
        #expect(try op([F.node("Softmax", ["x"], ["y"])], opset: 11) == .softmax(axis: 1, coerce2D: true))
        #expect(try op([F.node("Softmax", ["x"], ["y"])], opset: 13) == .softmax(axis: -1, coerce2D: false))
        let explicit = F.node("Softmax", ["x"], ["y"], [F.attribute("axis", int: 2)])
        #expect(try op([explicit], opset: 6) == .softmax(axis: 2, coerce2D: true))
        #expect(try op([explicit], opset: 21) == .softmax(axis: 2, coerce2D: false))
    }

    @Test func lrn() throws {
        let lrn = F.node("LRN", ["x"], ["y"], [F.attribute("size", int: 5), F.attribute("alpha", float: 0.001)])
        #expect(try op([lrn]) == .lrn(LRNAttributes(size: 5, alpha: 0.001, beta: 0.75, bias: 1)))
        #expect(try reasons([F.node("LRN", ["x"], ["y"])]) == ["attribute 'size' must be present and positive"])
    }

    private var batchNormParameters: [Onnx_TensorProto] {
        ["s", "b", "m", "v"].map { F.floatTensor($0, [3], [1, 1, 1]) }
    }

    @Test func batchNormalizationAcrossOpsets() throws {
        let old = F.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], [
            F.attribute("is_test", int: 1), F.attribute("epsilon", float: 0.001), F.attribute("momentum", float: 0.9),
            F.attribute("spatial", int: 1),
        ])
        #expect(try op([old], opset: 6, initializers: batchNormParameters) == .batchNormalization(epsilon: 0.001))
        let new = F.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"])
        #expect(try op([new], opset: 15, initializers: batchNormParameters) == .batchNormalization(epsilon: 1e-5))
    }

    @Test func batchNormalizationTrainingFormsAreUnsupported() throws {
        let perActivation = F.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], [F.attribute("spatial", int: 0)])
        #expect(try reasons([perActivation], opset: 7, initializers: batchNormParameters)
                == ["spatial=0 (per-activation statistics) is not supported"])
        let training = F.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], [F.attribute("training_mode", int: 1)])
        #expect(try reasons([training], opset: 14, initializers: batchNormParameters) == ["training_mode=1 is not supported"])
        let statistics = F.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "mean", "var"])
        #expect(try reasons([statistics], opset: 9, initializers: batchNormParameters)
                == ["the training outputs (running mean and variance) are not supported"])
    }

    // MARK: Arithmetic

    @Test func gemmAttributesAndOptionalC() throws {
        let gemm = F.node("Gemm", ["x", "w"], ["y"], [
            F.attribute("alpha", float: 2), F.attribute("beta", float: 0.5), F.attribute("transB", int: 1),
        ])
        let inputs = [F.tensorInfo("x", [2, 3]), F.tensorInfo("w", [4, 3])]
        #expect(try op([gemm], opset: 11, inputs: inputs) == .gemm(GemmAttributes(alpha: 2, beta: 0.5, transA: false, transB: true)))
        let old = F.node("Gemm", ["x", "w", "c"], ["y"], [F.attribute("broadcast", int: 1)])
        #expect(try op([old], opset: 6, inputs: inputs + [F.tensorInfo("c", [4])]) == .gemm(GemmAttributes()))
    }

    @Test func binaryOps() throws {
        let inputs = [F.tensorInfo("x", [2, 3]), F.tensorInfo("z", [3])]
        for (name, expected) in [("Add", Op.add), ("Sub", .sub), ("Mul", .mul), ("Div", .div), ("MatMul", .matMul)] {
            #expect(try op([F.node(name, ["x", "z"], ["y"])], inputs: inputs) == expected, "\(name)")
        }
    }

    @Test func legacyBroadcastAlignedAtTheEndIsNumpyBroadcasting() throws {
        let add = F.node("Add", ["x", "z"], ["y"], [F.attribute("broadcast", int: 1), F.attribute("axis", int: 1)])
        let (report, translations) = try translate([add], opset: 6, initializers: [],
                                                   inputs: [F.tensorInfo("x", [2, 3]), F.tensorInfo("z", [3])])
        #expect(report.issues == [])
        #expect(translations.first?.node?.inputs == ["x", "z"])
        #expect(translations.first?.constants.isEmpty == true)
    }

    @Test func legacyBroadcastOfAConstantInTheMiddleReshapesIt() throws {
        let bias = F.floatTensor("bias", [3], [1, 2, 3])
        let add = F.node("Add", ["x", "bias"], ["y"], name: "add", [F.attribute("broadcast", int: 1), F.attribute("axis", int: 1)])
        let (report, translations) = try translate([add], opset: 6, initializers: [bias], inputs: [F.tensorInfo("x", [1, 3, 4, 4])])
        #expect(report.issues == [])
        let node = try #require(translations.first?.node)
        #expect(node.inputs == ["x", "bias_aligned_add"])
        #expect(translations.first?.constants == ["bias_aligned_add": Tensor(shape: [3, 1, 1], floats: [1, 2, 3])])
    }

    @Test func legacyBroadcastOfARuntimeValueInTheMiddleIsUnsupported() throws {
        let add = F.node("Mul", ["x", "z"], ["y"], [F.attribute("broadcast", int: 1), F.attribute("axis", int: 1)])
        #expect(try reasons([add], opset: 6, inputs: [F.tensorInfo("x", [1, 3, 4, 4]), F.tensorInfo("z", [3])])
                == ["legacy broadcast at axis 1 of a non-constant input 'z' is not supported"])
    }

    // MARK: Layout

    @Test func layoutOps() throws {
        #expect(try op([F.node("Concat", ["x", "x"], ["y"], [F.attribute("axis", int: -1)])]) == .concat(axis: -1))
        #expect(try op([F.node("Flatten", ["x"], ["y"])]) == .flatten(axis: 1))
        #expect(try op([F.node("Flatten", ["x"], ["y"], [F.attribute("axis", int: 2)])]) == .flatten(axis: 2))
        #expect(try op([F.node("Transpose", ["x"], ["y"])]) == .transpose(perm: nil))
        #expect(try op([F.node("Transpose", ["x"], ["y"], [F.attribute("perm", ints: [0, 2, 3, 1])])]) == .transpose(perm: [0, 2, 3, 1]))
        let shape = F.int64Tensor("shape", [2], [1, -1])
        #expect(try op([F.node("Reshape", ["x", "shape"], ["y"])], initializers: [shape]) == .reshape(allowZero: false))
        let allowZero = F.node("Reshape", ["x", "shape"], ["y"], [F.attribute("allowzero", int: 1)])
        #expect(try op([allowZero], opset: 14, initializers: [shape]) == .reshape(allowZero: true))
        #expect(try reasons([F.node("Concat", ["x"], ["y"])]) == ["attribute 'axis' is required"])
    }

    @Test func squeezeAndUnsqueezeAcrossOpsets() throws {
        let axes = F.int64Tensor("axes", [1], [0])
        #expect(try op([F.node("Squeeze", ["x"], ["y"], [F.attribute("axes", ints: [0])])], opset: 11) == .squeeze(axes: [0]))
        #expect(try op([F.node("Squeeze", ["x"], ["y"])], opset: 11) == .squeeze(axes: nil))
        #expect(try op([F.node("Squeeze", ["x", "axes"], ["y"])], opset: 13, initializers: [axes]) == .squeeze(axes: [0]))
        #expect(try op([F.node("Squeeze", ["x"], ["y"])], opset: 13) == .squeeze(axes: nil))
        #expect(try op([F.node("Unsqueeze", ["x"], ["y"], [F.attribute("axes", ints: [0, 4])])], opset: 6) == .unsqueeze(axes: [0, 4]))
        #expect(try op([F.node("Unsqueeze", ["x", "axes"], ["y"])], opset: 13, initializers: [axes]) == .unsqueeze(axes: [0]))
        #expect(try reasons([F.node("Unsqueeze", ["x"], ["y"])], opset: 13) == ["input 'axes' is required"])
        #expect(try reasons([F.node("Unsqueeze", ["x"], ["y"])], opset: 12) == ["attribute 'axes' is required"])
    }

    @Test func padAttributesBeforeOpset11() throws {
        let pad = F.node("Pad", ["x"], ["y"], [
            F.attribute("mode", string: "reflect"), F.attribute("pads", ints: [0, 0, 1, 2, 0, 0, 3, 4]),
        ])
        #expect(try op([pad], opset: 6) == .pad(mode: .reflect, pads: [0, 0, 1, 2, 0, 0, 3, 4], value: 0))
        let constant = F.node("Pad", ["x"], ["y"], [F.attribute("pads", ints: [0, 0, 1, 1, 0, 0, 1, 1]), F.attribute("value", float: 2)])
        #expect(try op([constant], opset: 6) == .pad(mode: .constant, pads: [0, 0, 1, 1, 0, 0, 1, 1], value: 2))
    }

    @Test func padInputsFromOpset11() throws {
        let pads = F.int64Tensor("pads", [8], [0, 0, 1, 1, 0, 0, 1, 1])
        let value = F.floatTensor("value", [], [-1])
        let pad = F.node("Pad", ["x", "pads", "value"], ["y"], [F.attribute("mode", string: "edge")])
        #expect(try op([pad], opset: 11, initializers: [pads, value]) == .pad(mode: .edge, pads: [0, 0, 1, 1, 0, 0, 1, 1], value: -1))
        let noValue = F.node("Pad", ["x", "pads"], ["y"])
        #expect(try op([noValue], opset: 18, initializers: [pads]) == .pad(mode: .constant, pads: [0, 0, 1, 1, 0, 0, 1, 1], value: 0))
    }

    @Test func padUnsupportedForms() throws {
        let pads = F.int64Tensor("pads", [2], [1, 1])
        let axes = F.int64Tensor("axes", [1], [3])
        #expect(try reasons([F.node("Pad", ["x", "pads", "", "axes"], ["y"])], opset: 18, initializers: [pads, axes])
                == ["input 'axes' is not supported"])
        #expect(try reasons([F.node("Pad", ["x", "pads"], ["y"], [F.attribute("mode", string: "wrap")])], opset: 19, initializers: [pads])
                == ["mode 'wrap' is not supported"])
        #expect(try reasons([F.node("Pad", ["x", "r"], ["y"]), F.node("Relu", ["x"], ["r"])], opset: 13).first?
                    .hasPrefix("input 'pads' ('r') must be a constant") == true)
    }

    // MARK: Plumbing

    @Test func dropoutForms() throws {
        let old = F.node("Dropout", ["x"], ["y", "mask"], [F.attribute("ratio", float: 0.3), F.attribute("is_test", int: 1)])
        #expect(try op([old], opset: 6) == .dropout)
        let noTraining = F.node("Constant", [], ["t"], [F.attribute("value", tensor: boolScalar(false))])
        let new = F.node("Dropout", ["x", "", "t"], ["y"])
        #expect(try op([noTraining, new], opset: 12) == .dropout)
        let training = F.node("Constant", [], ["t"], [F.attribute("value", tensor: boolScalar(true))])
        #expect(try reasons([training, new], opset: 13) == ["training_mode=true is not supported"])
    }

    private func boolScalar(_ value: Bool) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.dataType = Int32(Onnx_TensorProto.DataType.bool.rawValue)
        tensor.int32Data = [value ? 1 : 0]
        return tensor
    }

    @Test func constantFormsBecomeInitializers() throws {
        let forms: [(Onnx_AttributeProto, Tensor)] = [
            (F.attribute("value", tensor: F.floatTensor("", [2], [1, 2])), Tensor(shape: [2], floats: [1, 2])),
            (F.attribute("value_float", float: 3), Tensor(shape: [], floats: [3])),
            (F.attribute("value_floats", floats: [4, 5]), Tensor(shape: [2], floats: [4, 5])),
            (F.attribute("value_int", int: 6), Tensor(shape: [], int64s: [6])),
            (F.attribute("value_ints", ints: [7, 8]), Tensor(shape: [2], int64s: [7, 8])),
        ]
        for (attribute, expected) in forms {
            let nodes = [F.node("Constant", [], ["c"], [attribute]), F.node("Add", ["x", "c"], ["y"])]
            let (report, translations) = try translate(nodes, opset: 13, initializers: [], inputs: [F.tensorInfo("x", [2])])
            #expect(report.issues == [])
            #expect(translations.first?.node == nil)
            #expect(translations.first?.constants == ["c": expected], "\(attribute.name)")
        }
    }

    @Test func unsupportedConstantForms() throws {
        var text = Onnx_AttributeProto()
        text.name = "value_string"
        text.type = .string
        text.s = Data("hi".utf8)
        #expect(try reasons([F.node("Constant", [], ["y"], [text])]) == ["Constant attribute 'value_string' is not supported"])
        var half = F.floatTensor("", [1], [])
        half.dataType = F.float16
        half.int32Data = [0x3C00]
        #expect(try reasons([F.node("Constant", [], ["y"], [F.attribute("value", tensor: half)])])
                == ["value has unsupported data type FLOAT16"])
    }

    @Test func constantOfShapeValue() throws {
        let shape = F.int64Tensor("shape", [2], [2, 3])
        #expect(try op([F.node("ConstantOfShape", ["shape"], ["y"])], opset: 9, initializers: [shape])
                == .constantOfShape(value: Tensor(shape: [1], floats: [0])))
        let seven = F.node("ConstantOfShape", ["shape"], ["y"], [F.attribute("value", tensor: F.int64Tensor("", [1], [7]))])
        #expect(try op([seven], opset: 9, initializers: [shape]) == .constantOfShape(value: Tensor(shape: [1], int64s: [7])))
    }

    @Test func shapeGatherCast() throws {
        #expect(try op([F.node("Shape", ["x"], ["y"])]) == .shape(start: 0, end: nil))
        #expect(try op([F.node("Shape", ["x"], ["y"], [F.attribute("start", int: 1), F.attribute("end", int: -1)])], opset: 15)
                == .shape(start: 1, end: -1))
        let indices = F.int64Tensor("i", [1], [0])
        #expect(try op([F.node("Gather", ["x", "i"], ["y"], [F.attribute("axis", int: 1)])], initializers: [indices]) == .gather(axis: 1))
        #expect(try op([F.node("Cast", ["x"], ["y"], [F.attribute("to", int: 7)])]) == .cast(to: .int64))
        #expect(try reasons([F.node("Cast", ["x"], ["y"], [F.attribute("to", int: 10)])]) == ["cast to unsupported data type FLOAT16"])
        #expect(try reasons([F.node("Cast", ["x"], ["y"], [F.attribute("to", int: 1 << 40)])])
                == ["'to' holds \(1 << 40), beyond the supported magnitude \(Int32.max)"])
        #expect(try reasons([F.node("Cast", ["x"], ["y"], [F.attribute("to", int: 99)])]) == ["cast to unsupported data type type code 99"])
    }

    @Test func quantizeAndDequantize() throws {
        let scale = F.floatTensor("s", [], [0.1])
        var zeroPoint = F.int64Tensor("z", [], [])
        zeroPoint.dataType = Int32(Onnx_TensorProto.DataType.int8.rawValue)
        zeroPoint.int32Data = [3]
        #expect(try op([F.node("QuantizeLinear", ["x", "s", "z"], ["y"])], initializers: [scale, zeroPoint]) == .quantizeLinear(axis: 1))
        #expect(try op([F.node("DequantizeLinear", ["x", "s"], ["y"], [F.attribute("axis", int: 0)])], initializers: [scale])
                == .dequantizeLinear(axis: 0))
        #expect(try reasons([F.node("QuantizeLinear", ["x", "s"], ["y"], [F.attribute("saturate", int: 0)])], opset: 19,
                            initializers: [scale]) == ["saturate=0 is not supported"])
        #expect(try reasons([F.node("DequantizeLinear", ["x", "s"], ["y"], [F.attribute("block_size", int: 2)])], opset: 21,
                            initializers: [scale]) == ["blocked quantization (block_size) is not supported"])
    }

    @Test func opset23QuantizationAttributesMustBeFloat() throws {
        let scale = F.floatTensor("s", [], [0.5])
        #expect(try op([F.node("QuantizeLinear", ["x", "s"], ["y"], [F.attribute("precision", int: Int64(F.float))])], opset: 23,
                       initializers: [scale]) == .quantizeLinear(axis: 1))
        #expect(try reasons([F.node("QuantizeLinear", ["x", "s"], ["y"], [F.attribute("precision", int: 16)])], opset: 23,
                            initializers: [scale]) == ["precision BFLOAT16 is not supported, only float"])
        #expect(try reasons([F.node("DequantizeLinear", ["x", "s"], ["y"], [F.attribute("output_dtype", int: 10)])], opset: 24,
                            initializers: [scale]) == ["output_dtype FLOAT16 is not supported, only float"])
    }

    // MARK: Modern CNN operators

    @Test func hardActivationsAndSwish() throws {
        #expect(try op([F.node("HardSigmoid", ["x"], ["y"])]) == .hardSigmoid(alpha: 0.2, beta: 0.5))
        #expect(try op([F.node("HardSigmoid", ["x"], ["y"], [F.attribute("alpha", float: 0.5), F.attribute("beta", float: 0)])])
                == .hardSigmoid(alpha: 0.5, beta: 0))
        #expect(try op([F.node("HardSwish", ["x"], ["y"])], opset: 22) == .hardSwish)
        #expect(try op([F.node("Swish", ["x"], ["y"])], opset: 24) == .swish(alpha: 1))
    }

    @Test func sumIsTheNaryAdd() throws {
        #expect(try op([F.node("Sum", ["x", "x", "x"], ["y"])]) == .add)
        #expect(try op([F.node("Sum", ["x"], ["y"])], opset: 8) == .add)
    }

    @Test func reduceMeanAxesAcrossOpsets() throws {
        let axes = F.int64Tensor("axes", [2], [2, 3])
        #expect(try op([F.node("ReduceMean", ["x"], ["y"], [F.attribute("axes", ints: [2, 3])])])
                == .reduceMean(axes: [2, 3], keepDims: true))
        #expect(try op([F.node("ReduceMean", ["x", "axes"], ["y"], [F.attribute("keepdims", int: 0)])], opset: 18,
                       initializers: [axes]) == .reduceMean(axes: [2, 3], keepDims: false))
        #expect(try op([F.node("ReduceMean", ["x"], ["y"])], opset: 18) == .reduceMean(axes: nil, keepDims: true))
        #expect(try op([F.node("ReduceMean", ["x"], ["y"], [F.attribute("noop_with_empty_axes", int: 1)])], opset: 18) == .identity)
    }

    @Test func sliceOperandsAcrossOpsets() throws {
        #expect(try op([F.node("Slice", ["x"], ["y"], [F.attribute("starts", ints: [1]), F.attribute("ends", ints: [Int64.max]),
                                                       F.attribute("axes", ints: [1])])], opset: 9)
                == .slice(SliceAttributes(starts: [1], ends: [Int(Int32.max)], axes: [1], steps: [1])))
        let starts = F.int64Tensor("starts", [2], [0, -1]), ends = F.int64Tensor("ends", [2], [2, Int64.min])
        let axes = F.int64Tensor("axes", [2], [1, 3]), steps = F.int64Tensor("steps", [2], [1, -1])
        #expect(try op([F.node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"])], initializers: [starts, ends, axes, steps])
                == .slice(SliceAttributes(starts: [0, -1], ends: [2, -Int(Int32.max)], axes: [1, 3], steps: [1, -1])))
        #expect(try op([F.node("Slice", ["x", "starts", "ends"], ["y"])], initializers: [starts, ends])
                == .slice(SliceAttributes(starts: [0, -1], ends: [2, -Int(Int32.max)], axes: [0, 1], steps: [1, 1])))
    }

    /// TorchScript's `chunk(2, dim=1)`: the bounds come from `Shape` → `Gather` → `Div` → `Mul` of the
    /// sliced value; inference resolves them into attributes, channels 0..<3 and 3..<6 of 6.
    @Test func sliceBoundsComputedFromTheShapeResolveAtImport() throws {
        let constants = [F.int64Tensor("one", [1], [1]), F.int64Tensor("two", [1], [2]), F.int64Tensor("zero", [1], [0])]
        let nodes = [
            F.node("Shape", ["x"], ["shape"]), F.node("Gather", ["shape", "one"], ["channels"], [F.attribute("axis", int: 0)]),
            F.node("Div", ["channels", "two"], ["half"]), F.node("Mul", ["half", "two"], ["whole"]),
            F.node("Slice", ["x", "zero", "half", "one"], ["low"]), F.node("Slice", ["x", "half", "whole", "one"], ["high"]),
        ]
        let model = F.model(nodes: nodes, inputs: [F.tensorInfo("x", [1, 6, 4, 4])], outputs: ["low", "high"], initializers: constants)
        let graph = try F.load(model).importGraph()
        let slices = graph.nodes.filter { if case .slice = $0.op { return true } else { return false } }
        #expect(slices.map(\.op) == [.slice(SliceAttributes(starts: [0], ends: [3], axes: [1], steps: [1])),
                                     .slice(SliceAttributes(starts: [3], ends: [6], axes: [1], steps: [1]))])
        #expect(slices.allSatisfy { $0.inputs == ["x"] })
        #expect(graph.types["high"] == TensorType(.float32, [1, 3, 4, 4]))
    }

    @Test func splitSizesAcrossOpsets() throws {
        #expect(try op([F.node("Split", ["x"], ["a", "b"], [F.attribute("axis", int: 1), F.attribute("split", ints: [1, 2])])],
                       opset: 11) == .split(axis: 1, sizes: [1, 2]))
        let sizes = F.int64Tensor("sizes", [2], [2, 1])
        #expect(try op([F.node("Split", ["x", "sizes"], ["a", "b"], [F.attribute("axis", int: 1)])], initializers: [sizes])
                == .split(axis: 1, sizes: [2, 1]))
        #expect(try op([F.node("Split", ["x"], ["a", "b", "c"], [F.attribute("axis", int: 1), F.attribute("num_outputs", int: 3)])],
                       opset: 18) == .split(axis: 1, sizes: nil))
        #expect(try reasons([F.node("Split", ["x"], ["a", "b"], [F.attribute("num_outputs", int: 3)])], opset: 18)
                == ["num_outputs is 3 but the node has 2 outputs"])
    }

    @Test func unknownOperatorsAndDomains() throws {
        #expect(try reasons([F.node("Exp", ["x"], ["y"])]) == ["operator Exp is not supported"])
        #expect(try reasons([F.node("Normalizer", ["x"], ["y"], domain: "ai.onnx.ml")])
                == ["operator domain 'ai.onnx.ml' is not supported"])
        #expect(try op([F.node("Relu", ["x"], ["y"], domain: "ai.onnx")]) == .relu)
    }

    @Test func attributeOfTheWrongTypeIsReported() throws {
        #expect(try reasons([F.node("LeakyRelu", ["x"], ["y"], [F.attribute("alpha", int: 1)])])
                == ["attribute 'alpha' has type INT, expected FLOAT"])
    }

    @Test func hugeIntegersAreRefusedBeforeShapeArithmetic() throws {
        let pool = F.node("MaxPool", ["x"], ["y"], [F.attribute("kernel_shape", ints: [2, Int64.max])])
        #expect(try reasons([pool]) == ["'kernel_shape' holds \(Int64.max), beyond the supported magnitude \(Int32.max)"])
        let axes = F.int64Tensor("axes", [1], [-(1 << 40)])
        #expect(try reasons([F.node("Unsqueeze", ["x", "axes"], ["y"])], initializers: [axes])
                == ["'axes' holds \(-(1 << 40)), beyond the supported magnitude \(Int32.max)"])
    }
}
