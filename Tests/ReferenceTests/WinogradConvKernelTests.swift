import TestSupport
import Testing
@testable import IR
@testable import Reference

/// The Winograd F(2×2, 3×3) kernel against a direct convolution written here from the ONNX
/// definition, with an error bound scaled by the magnitude of each output's terms.
struct WinogradConvKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        /// `[N, C, H, W]`.
        var input: [Int]
        var outputChannels: Int
        /// `[top, left, bottom, right]`.
        var pads: [Int]
        var bias = true
        var activation: Activation?
        /// Small blocks split tile rows between blocks.
        var blockBytes = WinogradConvKernel.defaultBlockBytes
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "even output, pad 1, relu", input: [1, 5, 8, 10], outputChannels: 6, pads: [1, 1, 1, 1], activation: .relu),
        Case(label: "odd output, pad 1", input: [1, 3, 7, 9], outputChannels: 4, pads: [1, 1, 1, 1]),
        Case(label: "pad 0, odd and even", input: [1, 4, 9, 8], outputChannels: 3, pads: [0, 0, 0, 0], bias: false),
        Case(label: "pad 2, clip", input: [1, 2, 6, 5], outputChannels: 5, pads: [2, 2, 2, 2], activation: .clip(min: -0.5, max: 0.7)),
        Case(label: "asymmetric pads", input: [1, 3, 7, 6], outputChannels: 4, pads: [0, 2, 1, 0], activation: .relu),
        Case(label: "batch 3", input: [3, 4, 11, 13], outputChannels: 7, pads: [1, 1, 1, 1]),
        Case(label: "one input row", input: [2, 3, 1, 12], outputChannels: 4, pads: [1, 1, 1, 1]),
        Case(label: "one input column", input: [1, 3, 12, 1], outputChannels: 4, pads: [1, 1, 1, 1], bias: false),
        Case(label: "one output pixel", input: [1, 6, 3, 3], outputChannels: 2, pads: [0, 0, 0, 0]),
        Case(label: "rows span SIMD groups, blocks split rows", input: [2, 9, 21, 70], outputChannels: 10, pads: [1, 2, 0, 1],
             activation: .relu, blockBytes: 1),
    ]

    @Test(arguments: cases)
    func matchesDirectConvolution(_ testCase: Case) throws {
        let (n, c, h, w) = (testCase.input[0], testCase.input[1], testCase.input[2], testCase.input[3])
        let m = testCase.outputChannels
        let x = KernelTestSupport.randomTensor(Shape(testCase.input), seed: 11).floats
        let weight = KernelTestSupport.randomTensor([m, c, 3, 3], seed: 12).floats
        let bias = testCase.bias ? KernelTestSupport.randomTensor([m], seed: 13).floats : nil
        let p = testCase.pads
        let height = Self.axis(input: h, padBegin: p[0], padEnd: p[2])
        let width = Self.axis(input: w, padBegin: p[1], padEnd: p[3])
        let kernel = try #require(WinogradConvKernel(batch: n, inputChannels: c, outputChannels: m, group: 1,
                                                     height: height, width: width, blockBytes: testCase.blockBytes))
        let transformed = WinogradConvKernel.transformWeight(weight, outputChannels: m, inputChannels: c)
        let y = kernel.run(input: x, transformedWeight: transformed, bias: bias, activation: testCase.activation)
        let expected = Self.direct(testCase, x: x, weight: weight, bias: bias,
                                   outputSize: (height.outputSize, width.outputSize))
        #expect(y.count == expected.count)
        for (index, (actual, reference)) in zip(y, expected).enumerated() {
            let bound = 1e-5 * max(reference.magnitude, 1e-3)
            if abs(actual - reference.value) > bound {
                Issue.record("output \(index): \(actual) vs \(reference.value), bound \(bound)")
                return
            }
        }
    }

    @Test func convKernelTakesWinogradPathWithSameResult() throws {
        let x = KernelTestSupport.randomTensor([2, 64, 5, 4], seed: 21)
        let w = KernelTestSupport.randomTensor([64, 64, 3, 3], seed: 22)
        let b = KernelTestSupport.randomTensor([64], seed: 23)
        let attributes = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1],
                                        padding: .explicit([1, 0, 2, 1]), group: 1, activation: .relu)
        #expect(WinogradConvKernel.covers(attributes, weight: w.shape))
        let y = try KernelTestSupport.evaluate(.conv(attributes), [x, w, b])
        let kernel = try #require(WinogradConvKernel(batch: 2, inputChannels: 64, outputChannels: 64, group: 1,
                                                     height: Self.axis(input: 5, padBegin: 1, padEnd: 2),
                                                     width: Self.axis(input: 4, padBegin: 0, padEnd: 1)))
        let direct = kernel.run(input: x.floats, transformedWeight: WinogradConvKernel.transformWeight(
            w.floats, outputChannels: 64, inputChannels: 64), bias: b.floats, activation: .relu)
        #expect(y.shape == [2, 64, 6, 3])
        #expect(y.floats == direct)
    }

    @Test func declinesOtherConvolutions() {
        let axis = Self.axis(input: 8, padBegin: 1, padEnd: 1)
        var strided = axis
        strided.stride = 2
        var dilated = axis
        dilated.dilation = 2
        var wide = axis
        wide.kernel = 5
        #expect(WinogradConvKernel(batch: 1, inputChannels: 4, outputChannels: 4, group: 2, height: axis, width: axis) == nil)
        #expect(WinogradConvKernel(batch: 1, inputChannels: 4, outputChannels: 4, group: 1, height: strided, width: axis) == nil)
        #expect(WinogradConvKernel(batch: 1, inputChannels: 4, outputChannels: 4, group: 1, height: axis, width: dilated) == nil)
        #expect(WinogradConvKernel(batch: 1, inputChannels: 4, outputChannels: 4, group: 1, height: wide, width: axis) == nil)
        let strides2 = ConvAttributes(kernelShape: [3, 3], strides: [2, 2], dilations: [], padding: .valid, group: 1)
        let plain = ConvAttributes(kernelShape: [3, 3], strides: [], dilations: [], padding: .valid, group: 1)
        #expect(WinogradConvKernel.covers(plain, weight: [64, 64, 3, 3]))
        #expect(!WinogradConvKernel.covers(strides2, weight: [64, 64, 3, 3]))
        #expect(!WinogradConvKernel.covers(plain, weight: [64, 3, 3, 3]), "too few input channels to pay")
        #expect(!WinogradConvKernel.covers(ConvAttributes(kernelShape: [3], strides: [], dilations: [], padding: .valid, group: 1),
                                           weight: [64, 64, 3]))
    }

    /// The interpreter's transformed-weight cache gives what node-by-node evaluation gives, and a
    /// graph input that overrides the weight initializer is used as given.
    @Test func interpreterCacheMatchesEvaluator() throws {
        let attributes = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1],
                                        padding: .explicit([1, 1, 1, 1]), group: 1, activation: .relu)
        let w = KernelTestSupport.randomTensor([64, 64, 3, 3], seed: 31)
        let x = KernelTestSupport.randomTensor([1, 64, 5, 6], seed: 32)
        let node = Node(name: "conv", op: .conv(attributes), inputs: ["x", "w"], outputs: ["y"])
        let xInfo = ValueInfo(name: "x", type: TensorType(.float32, [1, 64, 5, 6]))
        let graph = Graph(name: "conv", inputs: [xInfo], outputs: ["y"], initializers: ["w": w], nodes: [node])
        let cached = try FloatInterpreter(graph: graph).run(["x": x])["y"]
        #expect(cached == (try ReferenceEvaluator().evaluate(node, [x, w]))[0])

        let other = KernelTestSupport.randomTensor([64, 64, 3, 3], seed: 33)
        let overriding = Graph(name: "conv", inputs: [xInfo, ValueInfo(name: "w", type: w.type)], outputs: ["y"],
                               initializers: ["w": w], nodes: [node])
        let overridden = try FloatInterpreter(graph: overriding).run(["x": x, "w": other])["y"]
        #expect(overridden == (try ReferenceEvaluator().evaluate(node, [x, other]))[0])
        #expect(overridden != cached)
    }

    /// A 3×3, stride-1, undilated axis over `input` elements with the given pads.
    static func axis(input: Int, padBegin: Int, padEnd: Int) -> WindowGeometry.Axis {
        WindowGeometry.Axis(inputSize: input, kernel: 3, stride: 1, dilation: 1, padBegin: padBegin, padEnd: padEnd,
                            outputSize: input + padBegin + padEnd - 2)
    }

    /// Each output of the direct convolution (bias, then activation) and the sum of the magnitudes
    /// of the terms it adds up, which bounds the rounding error of any summation order.
    static func direct(_ c: Case, x: [Float], weight: [Float], bias: [Float]?, outputSize: (Int, Int))
        -> [(value: Float, magnitude: Float)] {
        let (n, channels, h, w) = (c.input[0], c.input[1], c.input[2], c.input[3])
        let (oh, ow) = outputSize
        var result: [(value: Float, magnitude: Float)] = []
        for image in 0..<n {
            for filter in 0..<c.outputChannels {
                for row in 0..<oh {
                    for column in 0..<ow {
                        var sum = Double(bias?[filter] ?? 0)
                        var magnitude = abs(sum)
                        for channel in 0..<channels {
                            for ky in 0..<3 {
                                for kx in 0..<3 {
                                    let iy = row - c.pads[0] + ky, ix = column - c.pads[1] + kx
                                    guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                                    let term = Double(x[((image * channels + channel) * h + iy) * w + ix])
                                        * Double(weight[((filter * channels + channel) * 3 + ky) * 3 + kx])
                                    sum += term
                                    magnitude += abs(term)
                                }
                            }
                        }
                        var value = Float(sum)
                        switch c.activation {
                        case .relu?: value = max(value, 0)
                        case .clip(let low, let high)?: value = min(max(value, low), high)
                        case nil: break
                        }
                        result.append((value, Float(magnitude)))
                    }
                }
            }
        }
        return result
    }
}
