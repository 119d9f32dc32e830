import TestSupport
import Foundation
import Testing
@testable import IR

/// Softmax in both the opset-13 (single axis) and the older coerced-2-D form.
struct SoftmaxKernelTests {
    private func naive(_ values: [Float]) -> [Float] {
        let exps = values.map { Float(exp(Double($0))) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    @Test func singleAxis() throws {
        let x = KernelTestSupport.randomTensor([2, 3, 4], seed: 31)
        let y = try KernelTestSupport.evaluate(.softmax(axis: 1, coerce2D: false), [x])
        var expected = [Float](repeating: 0, count: 24)
        for i in 0..<2 {
            for k in 0..<4 {
                let indices = (0..<3).map { (i * 3 + $0) * 4 + k }
                for (index, value) in zip(indices, naive(indices.map { x.floats[$0] })) { expected[index] = value }
            }
        }
        KernelTestSupport.expectClose(y.floats, expected, tolerance: 1e-6)
    }

    @Test func coercedTo2D() throws {
        let x = KernelTestSupport.randomTensor([2, 3, 4], seed: 32)
        let y = try KernelTestSupport.evaluate(.softmax(axis: 1, coerce2D: true), [x])
        let expected = naive(Array(x.floats[0..<12])) + naive(Array(x.floats[12..<24]))
        KernelTestSupport.expectClose(y.floats, expected, tolerance: 1e-6)
    }

    @Test func negativeAxisAndLargeValuesStayFinite() throws {
        let x = Tensor(shape: [1, 3], floats: [1000, 1001, 1002])
        let y = try KernelTestSupport.evaluate(.softmax(axis: -1, coerce2D: false), [x])
        KernelTestSupport.expectClose(y.floats, naive([0, 1, 2]), tolerance: 1e-6)
    }
}
