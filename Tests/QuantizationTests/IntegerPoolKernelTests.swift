@testable import IR
import Testing
@testable import Quantization

/// Integer pooling against direct window loops written here.
@Suite("IntegerPoolKernel")
struct IntegerPoolKernelTests {
    static func reciprocals(_ taps: Int) -> [FixedPointMultiplier] {
        (1...taps).map { FixedPointMultiplier(approximating: 1 / Double($0))! }
    }

    /// 5×5 input, 2×2 window, stride 2, one pad at the top/left, and a third output window that
    /// runs past the bottom/right pad (as `ceil_mode` makes it).
    static let window = QuantizedWindow(kernel: [2, 2], strides: [2, 2], dilations: [1, 1], pads: [1, 1, 0, 0],
                                        inputSize: [5, 5], outputSize: [3, 3])

    @Test(arguments: [false, true])
    func averageMatchesTheDirectWindowSum(countIncludePad: Bool) throws {
        let pool = QuantizedPool(window: Self.window, countIncludePad: countIncludePad, inputZeroPoint: -20, outputZeroPoint: 3,
                                 reciprocals: Self.reciprocals(4), outputClamp: -128...127)
        let input = QuantizationTestSupport.randomIntegers(2 * 25, in: -128...127, seed: 9)
        let graph = QuantizationTestSupport.singleLayerGraph(.averagePool(pool), inputDims: [1, 2, 5, 5], outputDims: [1, 2, 3, 3])
        #expect(try QuantizationTestSupport.runStored(graph, input: input) == Self.reference(pool, input: input, planes: 2, maximum: false))
    }

    @Test func maxIgnoresPaddingAndIsExact() throws {
        let pool = QuantizedPool(window: Self.window, countIncludePad: false, inputZeroPoint: 0, outputZeroPoint: 0,
                                 reciprocals: [], outputClamp: -128...127)
        let input = QuantizationTestSupport.randomIntegers(2 * 25, in: -128...(-100), seed: 10)
        let graph = QuantizationTestSupport.singleLayerGraph(.maxPool(pool), inputDims: [1, 2, 5, 5], outputDims: [1, 2, 3, 3])
        let output = try QuantizationTestSupport.runStored(graph, input: input)
        #expect(output == Self.reference(pool, input: input, planes: 2, maximum: true))
        #expect(output.allSatisfy { $0 <= -100 })
    }

    @Test func averageTiesRoundHalfUp() throws {
        let window = QuantizedWindow(kernel: [1, 2], strides: [1, 2], dilations: [1, 1], pads: [0, 0, 0, 0],
                                     inputSize: [1, 8], outputSize: [1, 4])
        let pool = QuantizedPool(window: window, countIncludePad: false, inputZeroPoint: 0, outputZeroPoint: 0,
                                 reciprocals: Self.reciprocals(2), outputClamp: -128...127)
        let graph = QuantizationTestSupport.singleLayerGraph(.averagePool(pool), inputDims: [1, 1, 1, 8], outputDims: [1, 1, 1, 4])
        // 1.5 → 2, −1.5 → −1, 126.5 → 127, −127.5 → −127.
        #expect(try QuantizationTestSupport.runStored(graph, input: [1, 2, -1, -2, 126, 127, -128, -127]) == [2, -1, 127, -127])
    }

    @Test func globalPoolsReduceEachPlane() throws {
        let reciprocal = FixedPointMultiplier(approximating: 1.0 / 6)!
        let average = QuantizationTestSupport.singleLayerGraph(
            .globalAveragePool(inputZeroPoint: 10, outputZeroPoint: -2, reciprocal: reciprocal, outputClamp: -128...127),
            inputDims: [1, 2, 2, 3], outputDims: [1, 2, 1, 1])
        let input: [Int32] = [10, 11, 12, 13, 14, 15, -128, 127, 0, 0, 0, 1]
        let expected = [input[0..<6], input[6..<12]].map { plane -> Int64 in
            let sum = plane.reduce(Int64(0)) { $0 + Int64($1) - 10 }
            return -2 + QuantizationTestSupport.roundHalfUp(sum * Int64(reciprocal.multiplier), shift: reciprocal.shift)
        }
        #expect(try QuantizationTestSupport.runStored(average, input: input) == expected)
        let maximum = QuantizationTestSupport.singleLayerGraph(.globalMaxPool, inputDims: [1, 2, 2, 3], outputDims: [1, 2, 1, 1])
        #expect(try QuantizationTestSupport.runStored(maximum, input: input) == [15, 127])
    }

    /// Direct pooling: taps inside the input; for averages the count per `countIncludePad`.
    static func reference(_ pool: QuantizedPool, input: [Int32], planes: Int, maximum: Bool) -> [Int64] {
        let window = pool.window
        let (height, width) = (window.inputSize[0], window.inputSize[1])
        var result: [Int64] = []
        for plane in 0..<planes {
            for oy in 0..<window.outputSize[0] {
                for ox in 0..<window.outputSize[1] {
                    var values: [Int64] = [], padded = 0
                    for ky in 0..<window.kernel[0] {
                        for kx in 0..<window.kernel[1] {
                            let y = oy * window.strides[0] - window.pads[0] + ky
                            let x = ox * window.strides[1] - window.pads[1] + kx
                            if y >= -window.pads[0] && y < height + window.pads[2] && x >= -window.pads[1] && x < width + window.pads[3] { padded += 1 }
                            if (0..<height).contains(y) && (0..<width).contains(x) { values.append(Int64(input[(plane * height + y) * width + x])) }
                        }
                    }
                    if maximum {
                        result.append(values.max()!)
                        continue
                    }
                    let count = pool.countIncludePad ? padded : values.count
                    let sum = values.reduce(0) { $0 + $1 - Int64(pool.inputZeroPoint) }
                    let reciprocal = pool.reciprocals[count - 1]
                    let scaled = QuantizationTestSupport.roundHalfUp(sum * Int64(reciprocal.multiplier), shift: reciprocal.shift)
                    result.append(QuantizationTestSupport.clamp(Int64(pool.outputZeroPoint) + scaled, -128, 127))
                }
            }
        }
        return result
    }
}
