@testable import IR
import Testing
import TestSupport
import Calibration
@testable import Quantization

@Suite("QuantizedGraphPrinter")
struct QuantizedGraphPrinterTests {
    /// A 3×3 convolution with two output channels and a flatten, its 18 weights given.
    static func convGraph(weights: [Int8]) -> QuantizedGraph {
        let window = QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], inputSize: [4, 4], outputSize: [4, 4])
        let conv = QuantizedConv(weight: Tensor(shape: [2, 1, 3, 3], data: .int8(weights)), weightScales: [0.5, 0.25],
                                 bias: [1, 2], window: window, group: 1, inputZeroPoint: -128,
                                 requantization: .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 40),
                                                              FixedPointMultiplier(multiplier: 1 << 30, shift: 38)]),
                                 outputZeroPoint: -128, outputClamp: -128...127)
        let params = QuantParams(scale: 0.5, zeroPoint: -128)
        return QuantizedGraph(
            name: "tiny", arithmetic: .standard, input: QuantizedInput(name: "x", dims: [1, 1, 4, 4], params: QuantParams(scale: 0.25, zeroPoint: -128)),
            layers: [QuantizedLayer(name: "conv0", op: .conv(conv), inputs: ["x"], output: "y", dims: [1, 2, 4, 4], params: params),
                     QuantizedLayer(name: "flat", op: .reshape, inputs: ["y"], output: "f", dims: [1, 32], params: params)],
            outputs: [QuantizedOutput(name: "prob", value: "f", dims: [1, 32], params: params, hostSoftmax: .init(axis: 1, coerce2D: false))])
    }

    @Test func printsLayersWithTheirParametersAndLongListsElided() {
        let graph = Self.convGraph(weights: [Int8](repeating: 1, count: 18))
        #expect(QuantizedGraphPrinter.print(graph) == """
            quantized graph tiny arith=default
            input %x : f32[1,1,4,4] -> i8 scale=0.25 zp=-128
            %y = Conv(%x) {kernel=[3,3], strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1, input_zp=-128, weight=tensor(i8,[2,1,3,3]), weight_scales=[0.5,0.25], bias=[1,2], requant=multiplier([fixed(1073741824,40),fixed(1073741824,38)]), output_zp=-128, clamp=[-128,127]} : i8[1,2,4,4] scale=0.5 zp=-128  # conv0
            %f = Reshape(%y) : i8[1,32] scale=0.5 zp=-128  # flat
            output %prob <- %f scale=0.5 zp=-128 then Softmax(axis=1, coerce_2d=false) on the host in f32

            """)
        let full = QuantizedGraphPrinter.print(graph, inlineElementLimit: 18)
        #expect(full.contains("weight=tensor(i8,[2,1,3,3],[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])"))
    }

    @Test func printsEveryModeOfAQuantizedNetwork() throws {
        let graph = try SampleGraphs.canonical(SampleGraphs.smallCNN(seed: 1))
        let ranges = try Calibrator.ranges(of: graph, inputs: SampleGraphs.randomInputs(4, shape: [1, 3, 8, 8], seed: 1), method: .minMax)
        for mode in ArithmeticMode.allCases {
            let text = QuantizedGraphPrinter.print(try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: mode)))
            #expect(text.hasPrefix("quantized graph small arith=\(mode.rawValue)\n"))
            #expect(text.split(separator: "\n").count == 1 + 1 + 6 + 1)
        }
    }
}
