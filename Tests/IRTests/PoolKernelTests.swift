import TestSupport
import Testing
@testable import IR

/// Pooling against direct window loops and against examples from the ONNX operator documentation.
struct PoolKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var input: [Int]
        var kernel: [Int]
        var strides: [Int]
        var dilations: [Int] = []
        var pads: [Int]
        var ceilMode = false
        var countIncludePad = false
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "2x2 stride 2", input: [2, 3, 6, 6], kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0]),
        Case(label: "3x3 pads exclude", input: [1, 2, 7, 5], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]),
        Case(label: "3x3 pads include", input: [1, 2, 7, 5], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1],
             countIncludePad: true),
        Case(label: "ceil", input: [1, 2, 6, 7], kernel: [3, 2], strides: [2, 2], pads: [0, 0, 0, 0], ceilMode: true),
        Case(label: "ceil pads include", input: [1, 1, 6, 6], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1],
             ceilMode: true, countIncludePad: true),
        Case(label: "dilated", input: [1, 2, 9, 8], kernel: [2, 3], strides: [1, 2], dilations: [3, 2], pads: [1, 0, 1, 2]),
        Case(label: "1-D ceil", input: [2, 2, 10], kernel: [3], strides: [3], pads: [1, 0], ceilMode: true, countIncludePad: true),
    ]

    @Test(arguments: cases)
    func maxPoolMatchesDirectLoops(_ testCase: Case) throws {
        try check(testCase, average: false)
    }

    @Test(arguments: cases.filter { $0.dilations.isEmpty })
    func averagePoolMatchesDirectLoops(_ testCase: Case) throws {
        try check(testCase, average: true)
    }

    /// ONNX `averagepool_2d_ceil` and `maxpool_2d_ceil`: 4×4 input 1...16, 3×3 window, stride 2.
    @Test func onnxCeilExamples() throws {
        let x = Tensor(shape: [1, 1, 4, 4], floats: (1...16).map(Float.init))
        let attributes = PoolAttributes(kernelShape: [3, 3], strides: [2, 2], dilations: [1, 1], padding: .explicit([0, 0, 0, 0]),
                                        ceilMode: true, countIncludePad: false)
        #expect(try KernelTestSupport.evaluate(.averagePool(attributes), [x]).floats == [6, 7.5, 12, 13.5])
        #expect(try KernelTestSupport.evaluate(.maxPool(attributes), [x]).floats == [11, 12, 15, 16])
    }

    /// ONNX `averagepool_2d_same_upper`-style check: SAME_UPPER pads at the end, excluded from the mean.
    @Test func sameUpperPadsAtTheEnd() throws {
        let x = Tensor(shape: [1, 1, 3, 3], floats: (1...9).map(Float.init))
        let attributes = PoolAttributes(kernelShape: [2, 2], strides: [1, 1], dilations: [1, 1], padding: .sameUpper,
                                        ceilMode: false, countIncludePad: false)
        let y = try KernelTestSupport.evaluate(.averagePool(attributes), [x])
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.floats == [3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9])
    }

    @Test func globalPools() throws {
        let x = Tensor(shape: [1, 2, 2, 2], floats: [1, 2, 3, 6, -1, -2, -3, -4])
        #expect(try KernelTestSupport.evaluate(.globalAveragePool, [x]).floats == [3, -2.5])
        let maximum = try KernelTestSupport.evaluate(.globalMaxPool, [x])
        #expect(maximum.shape == [1, 2, 1, 1])
        #expect(maximum.floats == [6, -1])
    }

    private func check(_ c: Case, average: Bool) throws {
        let x = KernelTestSupport.randomTensor(Shape(c.input), seed: 7)
        let attributes = PoolAttributes(kernelShape: c.kernel, strides: c.strides, dilations: c.dilations,
                                        padding: .explicit(c.pads), ceilMode: c.ceilMode, countIncludePad: c.countIncludePad)
        let y = try KernelTestSupport.evaluate(average ? .averagePool(attributes) : .maxPool(attributes), [x])
        let expected = Self.directPool(c, x: x.floats, average: average)
        #expect(y.shape == expected.shape)
        KernelTestSupport.expectClose(y.floats, expected.floats, tolerance: 1e-5)
    }

    /// Direct pooling: output extents by the ONNX formula (with the ceil-mode rule that the last
    /// window starts inside the input or its left padding); the average divides by the taps inside
    /// the input, or inside the padded input with `countIncludePad`.
    static func directPool(_ c: Case, x: [Float], average: Bool) -> Tensor {
        let oneD = c.input.count == 3
        let dims = oneD ? [c.input[0], c.input[1], 1, c.input[2]] : c.input
        let kernel = oneD ? [1] + c.kernel : c.kernel
        let strides = oneD ? [1] + c.strides : c.strides
        let dilations = c.dilations.isEmpty ? [1, 1] : c.dilations
        let pads = oneD ? [0, c.pads[0], 0, c.pads[1]] : c.pads
        func outputSize(_ axis: Int) -> Int {
            let span = (kernel[axis] - 1) * dilations[axis] + 1
            let room = dims[2 + axis] + pads[axis] + pads[axis + 2] - span
            if !c.ceilMode { return room / strides[axis] + 1 }
            var size = Int((Double(room) / Double(strides[axis])).rounded(.up)) + 1
            if (size - 1) * strides[axis] >= dims[2 + axis] + pads[axis] { size -= 1 }
            return size
        }
        let (oh, ow) = (outputSize(0), outputSize(1))
        var out = [Float]()
        for plane in 0..<(dims[0] * dims[1]) {
            for y in 0..<oh {
                for xo in 0..<ow {
                    var best = -Float.infinity, sum: Float = 0, inside = 0, padded = 0
                    for ty in 0..<kernel[0] {
                        for tx in 0..<kernel[1] {
                            let iy = y * strides[0] - pads[0] + ty * dilations[0]
                            let ix = xo * strides[1] - pads[1] + tx * dilations[1]
                            if iy >= -pads[0], iy < dims[2] + pads[2], ix >= -pads[1], ix < dims[3] + pads[3] { padded += 1 }
                            guard iy >= 0, iy < dims[2], ix >= 0, ix < dims[3] else { continue }
                            let value = x[(plane * dims[2] + iy) * dims[3] + ix]
                            best = max(best, value)
                            sum += value
                            inside += 1
                        }
                    }
                    out.append(average ? sum / Float(c.countIncludePad ? padded : inside) : best)
                }
            }
        }
        return Tensor(shape: Shape(oneD ? [dims[0], dims[1], ow] : [dims[0], dims[1], oh, ow]), floats: out)
    }
}
