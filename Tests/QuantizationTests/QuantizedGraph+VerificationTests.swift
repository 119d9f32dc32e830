@testable import IR
import Testing
import TestSupport
import Calibration
@testable import Quantization

@Suite("QuantizedGraph+Verification")
struct QuantizedGraphVerificationTests {
    static func fullyConnected(_ edit: (inout QuantizedConv) -> Void = { _ in }) -> QuantizedGraph {
        var conv = QuantizedConv(weight: Tensor(shape: [2, 3], data: .int8([1, 2, 3, 4, 5, 6])), weightScales: [1], bias: [0, 0],
                                 window: .pointwise, group: 1, inputZeroPoint: 0,
                                 requantization: .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 30)]),
                                 outputZeroPoint: 0, outputClamp: -128...127)
        edit(&conv)
        return QuantizationTestSupport.singleLayerGraph(.fullyConnected(conv), inputDims: [1, 3], outputDims: [1, 2])
    }

    @Test func acceptsAConsistentGraphAndEveryQuantizedMode() throws {
        try Self.fullyConnected().verify()
        let graph = try SampleGraphs.canonical(SampleGraphs.smallCNN(seed: 1))
        let ranges = try Calibrator.ranges(of: graph, inputs: SampleGraphs.randomInputs(2, shape: [1, 3, 8, 8], seed: 1), method: .minMax)
        for mode in ArithmeticMode.allCases {
            try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: mode)).verify()
        }
    }

    @Test func refusesInconsistentParametersNamingTheLayer() throws {
        let broken = [
            Self.fullyConnected { $0.bias = [0] },
            Self.fullyConnected { $0.requantization = .multiplier([FixedPointMultiplier(multiplier: 1, shift: 1)] + [FixedPointMultiplier](repeating: FixedPointMultiplier(multiplier: 1, shift: 1), count: 2)) },
            Self.fullyConnected { $0.requantization = .shift(70) },
            Self.fullyConnected { $0.requantization = .cuScale(70_000) },
            Self.fullyConnected { $0.outputClamp = -200...127 },
            Self.fullyConnected { $0.weight = Tensor(shape: [2, 3], data: .int32([1, 2, 3, 4, 5, 6])) },
            Self.fullyConnected { $0.weight = Tensor(shape: [2, 4], data: .int8([1, 2, 3, 4, 5, 6, 7, 8])) },
            Self.fullyConnected { $0.weight = Tensor(shape: [], data: .int8([1])) },
        ]
        for graph in broken {
            #expect(throws: IRError.self) { try graph.verify() }
            let input = Tensor(shape: [1, 3], floats: [1, 2, 3])
            do {
                _ = try IntegerInterpreter(graph: graph).run(input)
                Issue.record("ran a broken graph")
            } catch let IRError.verificationFailed(pass, detail) {
                #expect(pass == "quantize" && detail.hasPrefix("layer 'layer' "))
            }
        }
    }

    @Test func refusesUndefinedValuesAndBadTables() {
        var graph = Self.fullyConnected()
        graph.layers[0].inputs = ["nothing"]
        #expect(throws: IRError.self) { try graph.verify() }
        let table = QuantizationTestSupport.singleLayerGraph(.lookupTable([1, 2]), inputDims: [1, 2], outputDims: [1, 2])
        #expect(throws: IRError.self) { try table.verify() }
        let pad = QuantizationTestSupport.singleLayerGraph(.pad(pads: [0, 1, 0, 1], value: 300), inputDims: [1, 2], outputDims: [1, 4])
        #expect(throws: IRError.self) { try pad.verify() }
    }
}
