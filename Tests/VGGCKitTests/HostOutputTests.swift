import Foundation
import IR
import Testing
import Quantization
import VGGCKit

/// Dequantization, host softmax and top-K ordering of one graph output, against hand-computed values.
@Suite struct HostOutputTests {
    func output(softmax: Bool) -> QuantizedOutput {
        QuantizedOutput(name: "prob", value: "logits", dims: [1, 4], params: QuantParams(scale: 0.5, zeroPoint: 1),
                        hostSoftmax: softmax ? QuantizedOutput.HostSoftmax(axis: -1, coerce2D: false) : nil)
    }

    @Test func dequantizesAndAppliesTheHostSoftmax() throws {
        let host = HostOutput(output: output(softmax: true), stored: [3, 1, -1, 3])
        #expect(host.values == [1, 0, -1, 1])
        let exponentials = [1.0, 0, -1, 1].map { exp($0) }
        let total = exponentials.reduce(0, +)
        let probabilities = try #require(host.probabilities)
        for (actual, expected) in zip(probabilities, exponentials.map { $0 / total }) {
            #expect(abs(Double(actual) - expected) < 1e-6)
        }
        #expect(host.scores == probabilities)
        #expect(host.scoreKind == .probability)
        // Ties keep the lower index first.
        #expect(host.top(3) == [0, 3, 1])
    }

    @Test func withoutSoftmaxTheScoresAreTheDequantizedValues() throws {
        let host = HostOutput(output: output(softmax: false), stored: [1, 5, 2, -3])
        #expect(host.probabilities == nil)
        #expect(host.scores == [0, 2, 0.5, -2])
        #expect(host.scoreKind == .dequantized)
        #expect(host.top(10) == [1, 2, 0, 3])
    }
}
