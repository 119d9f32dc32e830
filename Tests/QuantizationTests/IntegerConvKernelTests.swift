@testable import IR
import Testing
@testable import Quantization

/// The integer convolution against a direct seven-loop convolution written here with Int64 and an
/// explicit round-half-up division.
@Suite("IntegerConvKernel")
struct IntegerConvKernelTests {
    struct Case: Sendable, CustomStringConvertible {
        var channels: Int, outputs: Int, size: [Int], kernel: [Int], strides: [Int], dilations: [Int], pads: [Int], group: Int
        var description: String { "C\(channels) M\(outputs) \(size) k\(kernel) s\(strides) d\(dilations) p\(pads) g\(group)" }
    }

    static let cases = [
        Case(channels: 3, outputs: 4, size: [7, 6], kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], group: 1),
        Case(channels: 4, outputs: 6, size: [9, 9], kernel: [3, 2], strides: [2, 1], dilations: [1, 2], pads: [2, 0, 1, 3], group: 2),
        Case(channels: 5, outputs: 5, size: [6, 8], kernel: [3, 3], strides: [1, 2], dilations: [1, 1], pads: [1, 1, 1, 1], group: 5),
        Case(channels: 2, outputs: 3, size: [1, 1], kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0], group: 1),
    ]

    @Test(arguments: cases)
    func matchesTheDirectConvolution(_ shape: Case) throws {
        let window = Self.window(shape)
        let weightCount = shape.outputs * shape.channels / shape.group * shape.kernel[0] * shape.kernel[1]
        let weights = QuantizationTestSupport.randomIntegers(weightCount, in: -127...127, seed: 1)
        let multipliers = (0..<shape.outputs).map { FixedPointMultiplier(multiplier: Int32(1_100_000_000 + 37_000_000 * $0), shift: 38 + $0 % 3) }
        let conv = QuantizedConv(
            weight: Tensor(shape: [shape.outputs, shape.channels / shape.group, shape.kernel[0], shape.kernel[1]], data: .int8(weights.map { Int8($0) })),
            weightScales: [Float](repeating: 1, count: shape.outputs),
            bias: QuantizationTestSupport.randomIntegers(shape.outputs, in: -20_000...20_000, seed: 2), window: window,
            group: shape.group, inputZeroPoint: -7, requantization: .multiplier(multipliers), outputZeroPoint: 5,
            outputClamp: -100...120)
        let input = QuantizationTestSupport.randomIntegers(2 * shape.channels * shape.size[0] * shape.size[1], in: -128...127, seed: 3)
        let graph = QuantizationTestSupport.singleLayerGraph(.conv(conv), inputDims: [2, shape.channels] + shape.size,
                                                             outputDims: [2, shape.outputs] + window.outputSize)
        #expect(try QuantizationTestSupport.runStored(graph, input: input) == Self.reference(conv, input: input, batch: 2, channels: shape.channels))
    }

    @Test func accumulatorSaturatesToInt32BeforeRequantization() throws {
        // 4 taps of 127 × 127 plus a bias 10 below Int32.max: the exact sum exceeds Int32.max.
        let conv = QuantizedConv(weight: Tensor(shape: [2, 4], data: .int8([127, 127, 127, 127, -127, -127, -127, -127])),
                                 weightScales: [1], bias: [Int32.max - 10, Int32.min + 10], window: .pointwise, group: 1,
                                 inputZeroPoint: 0, requantization: .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 54)]),
                                 outputZeroPoint: 0, outputClamp: -128...127)
        let graph = QuantizationTestSupport.singleLayerGraph(.fullyConnected(conv), inputDims: [1, 4], outputDims: [1, 2])
        let output = try QuantizationTestSupport.runStored(graph, input: [127, 127, 127, 127])
        // Int32.max × 2^-24 = 127.99999994 rounds to 128, clamped to 127; Int32.min × 2^-24 = −128 exactly.
        #expect(output == [127, -128])
        #expect(Self.reference(conv, input: [127, 127, 127, 127], batch: 1, channels: 4) == [127, -128])
    }

    @Test func outputClampFoldsReluAndSaturates() throws {
        let conv = QuantizedConv(weight: Tensor(shape: [3, 1], data: .int8([1, 1, 1])), weightScales: [1], bias: [-50, 0, 50],
                                 window: .pointwise, group: 1, inputZeroPoint: 0,
                                 requantization: .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 27)]),
                                 outputZeroPoint: -10, outputClamp: -10...127)
        let graph = QuantizationTestSupport.singleLayerGraph(.fullyConnected(conv), inputDims: [1, 1], outputDims: [1, 3])
        // acc = 3 + bias; ×8: −376 → clamp at the ReLU floor (zero point −10); 24 − 10 = 14; 424 − 10 → 127.
        #expect(try QuantizationTestSupport.runStored(graph, input: [3]) == [-10, 14, 127])
    }

    @Test func wideAccumulatorPathIsExact() throws {
        // Q10 weights near 2^19 force the 64-bit dot product: the products sum past 2^31 and the bias
        // brings the total back, which wrapping 32-bit arithmetic would get wrong.
        let weights: [Int32] = [524_287, 524_287, -3, 0]
        let conv = QuantizedConv(weight: Tensor(shape: [1, 4], data: .int32(weights)), weightScales: [1], bias: [Int32.min],
                                 window: .pointwise, group: 1, inputZeroPoint: 0, requantization: .shift(10),
                                 outputZeroPoint: 0, outputClamp: -16384...16383)
        let graph = QuantizationTestSupport.singleLayerGraph(.fullyConnected(conv), inputDims: [1, 4], outputDims: [1, 1], mode: .de1socQ10)
        let input: [Int32] = [4096, 1, 5, 16383]
        let products = zip(weights, input).reduce(Int64(0)) { $0 + Int64($1.0) * Int64($1.1) }
        #expect(products > Int64(Int32.max))
        let expected = QuantizationTestSupport.roundHalfUp(Int64(Int32.min) + products, shift: 10)
        #expect((1...16383).contains(expected))
        #expect(try QuantizationTestSupport.runStored(graph, input: input) == [expected])
    }

    static func window(_ shape: Case) -> QuantizedWindow {
        let output = (0..<2).map { (axis: Int) -> Int in
            let padded: Int = shape.size[axis] + shape.pads[axis] + shape.pads[axis + 2]
            let span: Int = (shape.kernel[axis] - 1) * shape.dilations[axis] + 1
            return (padded - span) / shape.strides[axis] + 1
        }
        return QuantizedWindow(kernel: shape.kernel, strides: shape.strides, dilations: shape.dilations, pads: shape.pads,
                               inputSize: shape.size, outputSize: output)
    }

    /// Direct convolution: padding reads the zero point, the exact sum saturates to int32, then
    /// `clamp(zp + roundHalfUp(acc × m, s))`.
    static func reference(_ conv: QuantizedConv, input: [Int32], batch: Int, channels: Int) -> [Int64] {
        let w = conv.weight.int64s, window = conv.window
        let (height, width) = (window.inputSize[0], window.inputSize[1])
        let outputs = conv.outputChannels, perGroupIn = channels / conv.group, perGroupOut = outputs / conv.group
        guard case .multiplier(let multipliers) = conv.requantization else { return [] }
        var result: [Int64] = []
        for n in 0..<batch {
            for m in 0..<outputs {
                for oy in 0..<window.outputSize[0] {
                    for ox in 0..<window.outputSize[1] {
                        var acc = Int64(conv.bias[m])
                        for c in 0..<perGroupIn {
                            let inputChannel = (m / perGroupOut) * perGroupIn + c
                            for ky in 0..<window.kernel[0] {
                                for kx in 0..<window.kernel[1] {
                                    let y = oy * window.strides[0] - window.pads[0] + ky * window.dilations[0]
                                    let x = ox * window.strides[1] - window.pads[1] + kx * window.dilations[1]
                                    let value = (0..<height).contains(y) && (0..<width).contains(x)
                                        ? Int64(input[((n * channels + inputChannel) * height + y) * width + x]) : Int64(conv.inputZeroPoint)
                                    acc += value * w[((m * perGroupIn + c) * window.kernel[0] + ky) * window.kernel[1] + kx]
                                }
                            }
                        }
                        acc = QuantizationTestSupport.clamp(acc, Int64(Int32.min), Int64(Int32.max))
                        let multiplier = multipliers[multipliers.count == 1 ? 0 : m]
                        let scaled = QuantizationTestSupport.roundHalfUp(acc * Int64(multiplier.multiplier), shift: multiplier.shift)
                        result.append(QuantizationTestSupport.clamp(Int64(conv.outputZeroPoint) + scaled,
                                                                    Int64(conv.outputClamp.lowerBound), Int64(conv.outputClamp.upperBound)))
                    }
                }
            }
        }
        return result
    }
}
