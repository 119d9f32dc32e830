import TestSupport
import Foundation
import Testing
@testable import IR

/// LRN against the ONNX formula evaluated in Double.
struct LRNKernelTests {
    @Test(arguments: [1, 2, 3, 5])
    func matchesFormula(size: Int) throws {
        let x = KernelTestSupport.randomTensor([2, 6, 2, 3], seed: 41)
        let attributes = LRNAttributes(size: size, alpha: 0.3, beta: 0.75, bias: 2)
        let y = try KernelTestSupport.evaluate(.lrn(attributes), [x])
        var expected = [Float]()
        for n in 0..<2 {
            for c in 0..<6 {
                for p in 0..<6 {
                    let low = max(0, c - (size - 1) / 2)
                    let high = min(5, c + Int((Double(size - 1) / 2).rounded(.up)))
                    let squares = (low...high).map { Double(x.floats[(n * 6 + $0) * 6 + p]) }.map { $0 * $0 }.reduce(0, +)
                    let value = Double(x.floats[(n * 6 + c) * 6 + p])
                    expected.append(Float(value / pow(2 + 0.3 / Double(size) * squares, 0.75)))
                }
            }
        }
        KernelTestSupport.expectClose(y.floats, expected, tolerance: 1e-5)
    }
}
