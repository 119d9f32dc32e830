import TestSupport
import Testing
@testable import IR

/// Inference batch normalisation against its defining formula.
struct BatchNormKernelTests {
    @Test func matchesFormula() throws {
        let x = KernelTestSupport.randomTensor([2, 3, 2, 2], seed: 51)
        let scale = Tensor(shape: [3], floats: [1.5, -0.5, 2])
        let bias = Tensor(shape: [3], floats: [0.1, 0.2, -0.3])
        let mean = Tensor(shape: [3], floats: [0.05, -0.1, 0.2])
        let variance = Tensor(shape: [3], floats: [0.5, 1.5, 0.25])
        let y = try KernelTestSupport.evaluate(.batchNormalization(epsilon: 1e-3), [x, scale, bias, mean, variance])
        let expected = x.floats.indices.map { index -> Float in
            let c = index / 4 % 3
            return scale.floats[c] * (x.floats[index] - mean.floats[c]) / (variance.floats[c] + 1e-3).squareRoot() + bias.floats[c]
        }
        KernelTestSupport.expectClose(y.floats, expected, tolerance: 1e-5)
    }

    @Test func rejectsWrongParameterLength() {
        let x = KernelTestSupport.randomTensor([1, 3, 2, 2], seed: 1)
        let short = Tensor(shape: [2], floats: [1, 1])
        #expect(throws: IRError.self) {
            try KernelTestSupport.evaluate(.batchNormalization(epsilon: 1e-5), [x, short, short, short, short])
        }
    }
}
