import TestSupport
import Foundation
import Testing
@testable import IR

/// Unary activations against their definitions.
struct ElementwiseKernelTests {
    private let x = Tensor(shape: [5], floats: [-3, -0.5, 0, 0.5, 7])

    @Test func activations() throws {
        #expect(try KernelTestSupport.evaluate(.relu, [x]).floats == [0, 0, 0, 0.5, 7])
        #expect(try KernelTestSupport.evaluate(.leakyRelu(alpha: 0.1), [x]).floats == [-0.3, -0.05, 0, 0.5, 7])
        #expect(try KernelTestSupport.evaluate(.clip(min: -1, max: 6), [x]).floats == [-1, -0.5, 0, 0.5, 6])
        KernelTestSupport.expectClose(try KernelTestSupport.evaluate(.sigmoid, [x]).floats,
                                      x.floats.map { Float(1 / (1 + exp(-Double($0)))) }, tolerance: 1e-6)
        KernelTestSupport.expectClose(try KernelTestSupport.evaluate(.tanh, [x]).floats,
                                      x.floats.map { Float(tanh(Double($0))) }, tolerance: 1e-6)
    }

    @Test func hardFunctionsAndSwish() throws {
        // HardSigmoid 0.2x + 0.5 clamped: −0.1 → 0, 0.4, 0.5, 0.6, 1.9 → 1.
        KernelTestSupport.expectClose(try KernelTestSupport.evaluate(.hardSigmoid(alpha: 0.2, beta: 0.5), [x]).floats,
                                      [0, 0.4, 0.5, 0.6, 1], tolerance: 1e-6)
        // HardSwish x × clamp(x / 6 + 1/2, 0, 1): −3 → 0, −0.5 × 5/12, 0, 0.5 × 7/12, 7 → 7.
        KernelTestSupport.expectClose(try KernelTestSupport.evaluate(.hardSwish, [x]).floats,
                                      [0, -0.5 * 5 / 12, 0, 0.5 * 7 / 12, 7], tolerance: 1e-6)
        KernelTestSupport.expectClose(try KernelTestSupport.evaluate(.swish(alpha: 2), [x]).floats,
                                      x.floats.map { Float(Double($0) / (1 + exp(-2 * Double($0)))) }, tolerance: 1e-6)
    }

    @Test func rejectsIntegerInput() {
        #expect(throws: IRError.self) { try KernelTestSupport.evaluate(.relu, [Tensor(shape: [1], int64s: [1])]) }
    }
}
