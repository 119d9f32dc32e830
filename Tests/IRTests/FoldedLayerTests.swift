@testable import IR
import Testing

@Suite("FoldedLayer")
struct FoldedLayerTests {
    /// A fully-connected layer followed by BN, computed naively, equals the folded layer.
    @Test func matchesLayerThenNormalization() throws {
        let weight = PassTestSupport.randomTensor([3, 4], seed: 40)
        let bias = PassTestSupport.randomTensor([3], seed: 41)
        let normalization = [PassTestSupport.randomTensor([3], in: 0.5...2, seed: 42), PassTestSupport.randomTensor([3], seed: 43),
                             PassTestSupport.randomTensor([3], seed: 44), PassTestSupport.randomTensor([3], in: 0.1...2, seed: 45)]
        let epsilon: Float = 0.01
        let folded = try #require(FoldedLayer(weight: weight, bias: bias, epsilon: epsilon, normalization: normalization))
        let x = PassTestSupport.randomTensor([4], seed: 46).floats
        for m in 0..<3 {
            let layer = (0..<4).reduce(bias.floats[m]) { $0 + weight.floats[m * 4 + $1] * x[$1] }
            let (scale, shift, mean, variance) = (normalization[0].floats[m], normalization[1].floats[m],
                                                  normalization[2].floats[m], normalization[3].floats[m])
            let expected = scale * (layer - mean) / (variance + epsilon).squareRoot() + shift
            let actual = (0..<4).reduce(folded.bias.floats[m]) { $0 + folded.weight.floats[m * 4 + $1] * x[$1] }
            #expect(abs(actual - expected) <= 1e-5 * max(1, abs(expected)))
        }
    }

    @Test func treatsAMissingBiasAsZero() throws {
        let normalization = [Tensor(shape: [1], floats: [2]), Tensor(shape: [1], floats: [1]),
                             Tensor(shape: [1], floats: [3]), Tensor(shape: [1], floats: [0])]
        let folded = try #require(FoldedLayer(weight: Tensor(shape: [1, 1, 1, 1], floats: [5]), bias: nil, epsilon: 0.25,
                                              normalization: normalization))
        #expect(folded.weight.floats == [20])
        #expect(folded.bias.floats == [-11])
    }

    @Test func refusesOperandsOfTheWrongLength() {
        let three = Tensor(shape: [3], floats: [1, 1, 1])
        let two = Tensor(shape: [2], floats: [1, 1])
        let weight = Tensor(shape: [3, 1], floats: [1, 2, 3])
        #expect(FoldedLayer(weight: weight, bias: two, epsilon: 0, normalization: [three, three, three, three]) == nil)
        #expect(FoldedLayer(weight: weight, bias: nil, epsilon: 0, normalization: [three, three, two, three]) == nil)
        #expect(FoldedLayer(weight: weight, bias: nil, epsilon: 0, normalization: [three, three, three]) == nil)
    }
}
