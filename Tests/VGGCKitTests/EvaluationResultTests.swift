import Testing
import VGGCKit

@Suite struct EvaluationResultTests {
    @Test func countsAccuracyAndAgreement() {
        var result = EvaluationResult(layers: [])
        result.add(label: 1, predicted: 1, floatPredicted: 1)
        result.add(label: 2, predicted: 0, floatPredicted: 2)
        result.add(label: 3, predicted: 3, floatPredicted: 0)
        result.add(label: 4, predicted: 5, floatPredicted: 5)
        #expect(result.images == 4)
        #expect(result.accuracy == 0.5)
        #expect(result.floatAccuracy == 0.5)
        #expect(result.top1Agreement == 0.5)
        #expect(result.referenceChecks == nil)
    }

    @Test func withoutTheFloatModelThereIsNoFloatAccuracy() {
        var result = EvaluationResult(layers: [])
        result.add(label: 1, predicted: 1, floatPredicted: nil)
        #expect(result.accuracy == 1)
        #expect(result.floatAccuracy == nil && result.top1Agreement == nil)
    }

    @Test func keepsTheFirstReferenceMismatch() {
        var result = EvaluationResult(layers: [])
        result.addReferenceCheck(file: "a.png", differingOutput: nil)
        result.addReferenceCheck(file: "b.png", differingOutput: "prob")
        result.addReferenceCheck(file: "c.png", differingOutput: "logits")
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
