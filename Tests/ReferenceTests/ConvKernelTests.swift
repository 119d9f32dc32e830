@testable import Reference
import TestSupport
import Testing
@testable import IR

/// The convolution kernel against a direct seven-loop convolution written from the ONNX definition.
struct ConvKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var input: [Int]
        var weight: [Int]
        var strides: [Int] = []
        var dilations: [Int] = []
        var padding: Padding = .explicit([])
        var group = 1
        var bias = true
        var activation: Activation?
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "3x3 pad 1", input: [2, 3, 7, 6], weight: [4, 3, 3, 3], padding: .explicit([1, 1, 1, 1]), activation: .relu),
        Case(label: "stride 2 asymmetric pads", input: [1, 2, 9, 8], weight: [3, 2, 3, 2], strides: [2, 3],
             padding: .explicit([0, 2, 1, 1])),
        Case(label: "dilation", input: [1, 2, 9, 9], weight: [2, 2, 3, 3], dilations: [2, 3], padding: .explicit([2, 1, 0, 3])),
        Case(label: "groups", input: [1, 6, 5, 5], weight: [4, 3, 3, 3], padding: .explicit([1, 1, 1, 1]), group: 2,
             activation: .clip(min: -0.2, max: 0.3)),
        Case(label: "depthwise", input: [2, 4, 6, 5], weight: [4, 1, 3, 3], strides: [2, 2], padding: .explicit([1, 1, 1, 1]), group: 4),
        Case(label: "same upper", input: [1, 2, 7, 8], weight: [3, 2, 4, 3], strides: [2, 2], padding: .sameUpper),
        Case(label: "same lower", input: [1, 2, 7, 8], weight: [3, 2, 4, 3], strides: [2, 2], padding: .sameLower),
        Case(label: "valid", input: [1, 3, 8, 7], weight: [2, 3, 3, 3], strides: [2, 1], padding: .valid, bias: false),
        Case(label: "pointwise", input: [2, 5, 4, 3], weight: [6, 5, 1, 1], bias: false, activation: .relu),
        Case(label: "1-D", input: [2, 3, 11], weight: [4, 3, 3], strides: [2], dilations: [2], padding: .explicit([2, 1])),
    ]

    @Test(arguments: cases)
    func matchesDirectConvolution(_ testCase: Case) throws {
        let x = KernelTestSupport.randomTensor(Shape(testCase.input), seed: 1)
        let w = KernelTestSupport.randomTensor(Shape(testCase.weight), seed: 2)
        let b = testCase.bias ? KernelTestSupport.randomTensor([testCase.weight[0]], seed: 3) : nil
        let spatial = testCase.input.count - 2
        let attributes = ConvAttributes(kernelShape: Array(testCase.weight[2...]), strides: testCase.strides,
                                        dilations: testCase.dilations, padding: testCase.padding, group: testCase.group,
                                        activation: testCase.activation)
        let y = try KernelTestSupport.evaluate(.conv(attributes), [x, w, b])
        let expected = Self.directConvolution(testCase, x: x, w: w, b: b, spatial: spatial)
        #expect(y.shape == expected.shape)
        KernelTestSupport.expectClose(y.floats, expected.floats)
    }

    @Test func rejectsChannelMismatch() {
        let x = KernelTestSupport.randomTensor([1, 3, 5, 5], seed: 1)
        let w = KernelTestSupport.randomTensor([2, 2, 3, 3], seed: 2)
        let attributes = ConvAttributes(kernelShape: [3, 3], strides: [1, 1], dilations: [1, 1], padding: .valid, group: 1)
        #expect(throws: IRError.self) { try KernelTestSupport.evaluate(.conv(attributes), [x, w]) }
    }

    /// Direct convolution; a 1-D case runs with height 1. Pads for `SAME_*` follow the ONNX formula.
    static func directConvolution(_ c: Case, x: Tensor, w: Tensor, b: Tensor?, spatial: Int) -> Tensor {
        let input = spatial == 1 ? [c.input[0], c.input[1], 1, c.input[2]] : c.input
        let weight = spatial == 1 ? [c.weight[0], c.weight[1], 1, c.weight[2]] : c.weight
        let strides = c.strides.isEmpty ? [1, 1] : (spatial == 1 ? [1] + c.strides : c.strides)
        let dilations = c.dilations.isEmpty ? [1, 1] : (spatial == 1 ? [1] + c.dilations : c.dilations)
        var pads = [0, 0, 0, 0]
        switch c.padding {
        case .explicit(let given) where !given.isEmpty:
            pads = spatial == 1 ? [0, given[0], 0, given[1]] : given
        case .sameUpper, .sameLower:
            for axis in 0..<2 {
                let size = input[2 + axis], stride = strides[axis]
                let out = (size + stride - 1) / stride
                let total = max(0, (out - 1) * stride + (weight[2 + axis] - 1) * dilations[axis] + 1 - size)
                let begin = c.padding == .sameUpper ? total / 2 : total - total / 2
                pads[axis] = begin
                pads[axis + 2] = total - begin
            }
        default: break
        }
        let (n, channels, h, wd) = (input[0], input[1], input[2], input[3])
        let (m, cg, kh, kw) = (weight[0], weight[1], weight[2], weight[3])
        let oh = (h + pads[0] + pads[2] - ((kh - 1) * dilations[0] + 1)) / strides[0] + 1
        let ow = (wd + pads[1] + pads[3] - ((kw - 1) * dilations[1] + 1)) / strides[1] + 1
        let xs = x.floats, ws = w.floats, bs = b?.floats
        var out = [Float]()
        for image in 0..<n {
            for filter in 0..<m {
                let group = filter / (m / c.group)
                for y in 0..<oh {
                    for xo in 0..<ow {
                        var sum: Float = bs?[filter] ?? 0
                        for channel in 0..<cg {
                            for ty in 0..<kh {
                                for tx in 0..<kw {
                                    let iy = y * strides[0] - pads[0] + ty * dilations[0]
                                    let ix = xo * strides[1] - pads[1] + tx * dilations[1]
                                    guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                    let inputChannel = group * cg + channel
                                    sum += xs[((image * channels + inputChannel) * h + iy) * wd + ix]
                                        * ws[((filter * cg + channel) * kh + ty) * kw + tx]
                                }
                            }
                        }
                        switch c.activation {
                        case .relu?: sum = max(sum, 0)
                        case .clip(let low, let high)?: sum = min(max(sum, low), high)
                        case nil: break
                        }
                        out.append(sum)
                    }
                }
            }
        }
        let shape = spatial == 1 ? Shape([n, m, ow]) : Shape([n, m, oh, ow])
        return Tensor(shape: shape, floats: out)
    }
}
