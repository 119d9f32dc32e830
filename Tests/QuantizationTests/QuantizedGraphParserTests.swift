@testable import IR
import Testing
import TestSupport
import Calibration
@testable import Quantization

@Suite("QuantizedGraphParser")
struct QuantizedGraphParserTests {
    /// `QuantizedGraphPrinterTests.convGraph`, with its weights written out.
    static let text = """
        quantized graph tiny arith=default
        input %x : f32[1,1,4,4] -> i8 scale=0.25 zp=-128
        # a comment line
        %y = Conv(%x) {kernel=[3,3], strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1, input_zp=-128, weight=tensor(i8,[2,1,3,3],[1,2,3,4,5,6,7,8,9,-1,-2,-3,-4,-5,-6,-7,-8,-9]), weight_scales=[0.5,0.25], bias=[1,2], requant=multiplier([fixed(1073741824,40),fixed(1073741824,38)]), output_zp=-128, clamp=[-128,127]} : i8[1,2,4,4] scale=0.5 zp=-128  # conv0
        %f = Reshape(%y) : i8[1,32] scale=0.5 zp=-128  # flat
        output %prob <- %f scale=0.5 zp=-128 then Softmax(axis=1, coerce_2d=false) on the host in f32
        """

    @Test func readsTheTextIntoTheGraph() throws {
        let expected = QuantizedGraphPrinterTests.convGraph(weights: [1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6, -7, -8, -9])
        #expect(try QuantizedGraphParser.parse(Self.text) == expected)
    }

    /// A network quantized in every mode reads back from its full text, and prints the same text.
    @Test func everyModeReadsBack() throws {
        let graph = try SampleGraphs.canonical(SampleGraphs.smallCNN(seed: 1))
        let ranges = try Calibrator.ranges(of: graph, inputs: SampleGraphs.randomInputs(4, shape: [1, 3, 8, 8], seed: 1), method: .minMax)
        for mode in ArithmeticMode.allCases {
            let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: mode))
            let text = QuantizedGraphPrinter.print(quantized, inlineElementLimit: .max)
            let parsed = try QuantizedGraphParser.parse(text)
            #expect(parsed == quantized, "\(mode.rawValue)")
            #expect(QuantizedGraphPrinter.print(parsed, inlineElementLimit: .max) == text)
        }
    }

    /// Every op's attributes read back, the residual and concatenation inputs included.
    @Test func everyOpReadsBack() throws {
        let unit = QuantParams(scale: 1, zeroPoint: 0)
        let window = QuantizedWindow(kernel: [2, 2], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 1, 1], inputSize: [3, 3], outputSize: [3, 3])
        let pool = QuantizedPool(window: window, countIncludePad: false, inputZeroPoint: -3, outputZeroPoint: 4,
                                 reciprocals: (1...4).map { FixedPointMultiplier(multiplier: Int32(1 << 30) / Int32($0), shift: 31) },
                                 outputClamp: -100...100)
        func layer(_ name: String, _ op: QuantizedOp, _ inputs: [String], _ dims: [Int]) -> QuantizedLayer {
            QuantizedLayer(name: name, op: op, inputs: inputs, output: name, dims: dims, params: unit)
        }
        let layers = [
            layer("max", .maxPool(pool), ["x"], [1, 2, 3, 3]),
            layer("avg", .averagePool(pool), ["max"], [1, 2, 3, 3]),
            layer("sum", .add(inputs: [QuantizedRescale(zeroPoint: 1, multiplier: 1 << 31), QuantizedRescale(zeroPoint: -2, multiplier: 7)],
                              shift: 12, outputZeroPoint: 5, outputClamp: -128...127), ["max", "avg"], [1, 2, 3, 3]),
            layer("cat", .concat(axis: 1, inputs: [QuantizedRescale(zeroPoint: 0, multiplier: 3), QuantizedRescale(zeroPoint: 0, multiplier: 9)],
                                 shift: 2, outputZeroPoint: 0, outputClamp: 0...127), ["sum", "avg"], [1, 4, 3, 3]),
            layer("pad", .pad(pads: [0, 0, 1, 1, 0, 0, 1, 1], value: -128), ["cat"], [1, 4, 5, 5]),
            layer("gap", .globalAveragePool(inputZeroPoint: 2, outputZeroPoint: -1, reciprocal: FixedPointMultiplier(multiplier: 1 << 30, shift: 35),
                                            outputClamp: -128...127), ["pad"], [1, 4, 1, 1]),
            layer("gmp", .globalMaxPool, ["pad"], [1, 4, 1, 1]),
            layer("clamp", .clamp(-5...5), ["gmp"], [1, 4, 1, 1]),
            layer("lut", .lookupTable((0..<256).map { Int8(truncatingIfNeeded: 255 - $0) }), ["clamp"], [1, 4, 1, 1]),
            layer("sig", .piecewiseLinearSigmoid(knots: (0...32).map { Int32($0 * 31) }), ["lut"], [1, 4, 1, 1]),
        ]
        let graph = QuantizedGraph(name: "ops", arithmetic: .standard, input: QuantizedInput(name: "x", dims: [1, 2, 3, 3], params: unit),
                                   layers: layers, outputs: [QuantizedOutput(name: "y", value: "sig", dims: [1, 4, 1, 1], params: unit, hostSoftmax: nil)])
        #expect(try QuantizedGraphParser.parse(QuantizedGraphPrinter.print(graph, inlineElementLimit: .max)) == graph)
    }

    @Test(arguments: [
        ("quantized graph g arith=default\ninput %x : f32[1,2] -> i8 scale=1.0 zp=0\n%y = Conv(%x) {weight=tensor(i8,[2,2])} : i8[1,2] scale=1.0 zp=0  # c",
         IRError.parseError(line: 3, detail: "missing attribute 'kernel'")),
        ("quantized graph g arith=default\ninput %x : f32[1,2] -> i8 scale=1.0 zp=0\n%y = Reshape(%z) : i8[1,2] scale=1.0 zp=0  # r",
         IRError.parseError(line: 3, detail: "'y' reads 'z' before it is written")),
        ("quantized graph g arith=default\ninput %x : f32[1,2] -> i32 scale=1.0 zp=0",
         IRError.parseError(line: 2, detail: "values of default are stored as i8, not i32")),
        ("quantized graph g arith=default\ninput %x : f32[1,2] -> i8 scale=1.0 zp=0\n%y = Softmax(%x) : i8[1,2] scale=1.0 zp=0  # s",
         IRError.parseError(line: 3, detail: "unknown quantized operator 'Softmax'")),
        ("quantized graph g arith=default\ninput %x : f32[1,2] -> i8 scale=1.0 zp=0\n%y = LookupTable(%x) {table=elided(256)} : i8[1,2] scale=1.0 zp=0  # t",
         IRError.parseError(line: 3, detail: "'table' was elided when printed (256 values); print with a larger inline element limit to read it back")),
        ("input %x : f32[1,2] -> i8 scale=1.0 zp=0", IRError.parseError(line: 1, detail: "expected 'quantized', found 'input'")),
    ])
    func malformedTextNamesTheLineAndTheProblem(text: String, error: IRError) {
        #expect(throws: error) { try QuantizedGraphParser.parse(text) }
    }
}
