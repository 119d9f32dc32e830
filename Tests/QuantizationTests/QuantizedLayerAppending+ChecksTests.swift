@testable import IR
import Testing
@testable import Quantization

/// Numeric inputs that used to trap (NaN weights, zero-size tensors) and the weight-scale floor that
/// keeps a degenerate channel's bias inside int32.
@Suite("Quantizer numeric checks")
struct QuantizedLayerAppendingChecksTests {
    /// One 1×1 convolution `x [1, 2, 2, 2] → y [1, 2, 2, 2]` with the given weights and bias.
    static func conv(weight: [Float], bias: [Float], channels: Int = 2) -> Graph {
        let attributes = ConvAttributes(kernelShape: [1, 1], strides: [1, 1], dilations: [1, 1], padding: .explicit([0, 0, 0, 0]),
                                        group: 1)
        let graph = Graph(name: "conv", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 2, 2, 2]))], outputs: ["y"],
                          initializers: ["w": Tensor(shape: [channels, 2, 1, 1], floats: weight),
                                         "b": Tensor(shape: [channels], floats: bias)],
                          nodes: [Node(name: "conv", op: .conv(attributes), inputs: ["x", "w", "b"], outputs: ["y"])])
        return (try? ShapeInference.infer(graph)) ?? graph
    }

    static let ranges: [String: ClosedRange<Float>] = ["x": 0...1, "y": -1...1]

    @Test(arguments: [Float.nan, .infinity])
    func nonFiniteWeightIsRefusedNamingTheNode(value: Float) {
        let graph = Self.conv(weight: [0.5, value, 0.1, 0.2], bias: [0, 0])
        #expect {
            try Quantizer.quantize(graph, ranges: Self.ranges, options: QuantizationOptions())
        } throws: { error in
            "\(error)".contains("conv") && "\(error)".contains("weight holds \(value) at element 1")
        }
    }

    @Test func zeroSizeTensorIsRefusedNamingTheValue() throws {
        let graph = Self.conv(weight: [], bias: [], channels: 0)
        #expect {
            try Quantizer.quantize(graph, ranges: Self.ranges, options: QuantizationOptions())
        } throws: { error in
            "\(error)".contains("has shape [0,2,1,1], with no elements")
        }
    }

    @Test func nearlyZeroChannelGetsAWeightScaleItsBiasFits() throws {
        // Channel 1's weights are 1e-20: its natural scale 1e-20 / 127 would put the bias 0.5 at
        // 0.5 / (s_in × 1e-20 / 127), far beyond int32. The floor is |b| / (s_in × 2^30).
        let graph = Self.conv(weight: [0.5, -0.25, 1e-20, -1e-20], bias: [0.1, 0.5])
        let quantized = try Quantizer.quantize(graph, ranges: Self.ranges, options: QuantizationOptions())
        guard case .conv(let conv) = quantized.layers[0].op else { Issue.record("not a conv"); return }
        let inputScale = Double(quantized.input.params.scale)
        #expect(conv.weightScales[0] == Float(0.5 / 127))
        #expect(Double(conv.weightScales[1]) == Double(Float(0.5 / (inputScale * Double(1 << 30)))))
        // Its weights quantize to 0, so the bias level is 0.5 / (s_in s_w) ≈ 2^30 (within the float
        // rounding of the scale, 2^30 × 2^−23).
        #expect(abs(Int64(conv.bias[1]) - (1 << 30)) <= 128)
    }
}
