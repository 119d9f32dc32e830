import Testing
import VGGCKit

@Suite struct EvaluationResultTests {
    @Test func countsAccuracyAndAgreement() {
        var result = EvaluationResult(layers: [], comparesFloat: true)
        result.add(ImageEvaluation(file: "a.png", label: 1, predicted: 1, floatPredicted: 1))
        result.add(ImageEvaluation(file: "b.png", label: 2, predicted: 0, floatPredicted: 2))
        result.add(ImageEvaluation(file: "c.png", label: 3, predicted: 3, floatPredicted: 0))
        result.add(ImageEvaluation(file: "d.png", label: 4, predicted: 5, floatPredicted: 5))
        #expect(result.images == 4)
        #expect(result.accuracy == 0.5)
        #expect(result.floatAccuracy == 0.5)
        #expect(result.top1Agreement == 0.5)
        #expect(result.referenceChecks == nil)
    }

    @Test func withoutTheFloatModelThereIsNoFloatAccuracy() {
        var result = EvaluationResult(layers: [])
        result.add(ImageEvaluation(file: "a.png", label: 1, predicted: 1))
        #expect(result.accuracy == 1)
        #expect(result.floatAccuracy == nil && result.top1Agreement == nil)
    }

    @Test func keepsTheFirstReferenceMismatch() {
        var result = EvaluationResult(layers: [], checksReference: true)
        result.add(ImageEvaluation(file: "a.png", label: 0, predicted: 0))
        result.add(ImageEvaluation(file: "b.png", label: 0, predicted: 0, referenceDifference: "prob"))
        result.add(ImageEvaluation(file: "c.png", label: 0, predicted: 0, referenceDifference: "logits"))
        #expect(result.referenceChecks == 3)
        #expect(result.referenceMismatches == 2)
        #expect(result.firstReferenceMismatch == EvaluationResult.Mismatch(file: "b.png", output: "prob"))
    }

    /// Layers stay in the given order; values either model lacks are skipped.
    @Test func comparesLayersByValueName() {
        var result = EvaluationResult(layers: [(name: "conv1", value: "c1"), (name: "fc", value: "y")])
        result.addLayers(quantized: ["y": [1, 2], "c1": [3]], reference: ["y": [1, 1], "other": [0]])
        #expect(result.layers.map(\.name) == ["conv1", "fc"])
        #expect(result.layers[0] == LayerAgreement(name: "conv1", value: "c1"))
        #expect(abs(result.layers[1].cosine - 3 / 10.0.squareRoot()) < 1e-12)
    }
}
