import Foundation
import IR
import Quantization
import Reference
import Testing
import VGGCKit

/// `Evaluation` on two images of every digit, against accuracies counted here with the integer
/// reference and the float interpreter.
@Suite struct EvaluationTests {
    static let names = ["0002_0.png", "0005_0.png", "0501_1.png", "0502_1.png", "1001_2.png", "1009_2.png", "1503_3.png",
                        "1510_3.png", "2004_4.png", "2013_4.png", "2502_5.png", "2510_5.png", "3006_6.png", "3008_6.png",
                        "3504_7.png", "3505_7.png", "4003_8.png", "4005_8.png", "4503_9.png", "4507_9.png"]

    @Test func accuracyAgreementAndLayersMatchACountByHand() throws {
        let model = try KitFixtures.compiledLeNet.get()
        let session = try Session(model: model)
        let images = try LabeledImages(directory: try KitFixtures.images(Self.names), classNames: model.metadata.labels)
        let options = EvaluationOptions(floatModel: KitFixtures.lenet, perLayer: true, checkIntegerReference: true)
        var progress: [Int] = []
        let result = try Evaluation(session: session, options: options).run(on: images) { done, total in
            #expect(total == Self.names.count)
            progress.append(done)
        }
        #expect(progress == Array(0...Self.names.count))

        let integer = IntegerInterpreter(graph: model.graph)
        let float = FloatInterpreter(graph: try PassPipeline.standard.run(try ONNXFile.graph(KitFixtures.lenet), verify: true) { _, _ in })
        var correct = 0, floatCorrect = 0, agreements = 0
        for (file, label) in zip(images.files, images.labels) {
            let input = try model.metadata.preprocessing.loadTensor(imageAt: file)
            let predicted = Self.argmax(try integer.run(input)[model.graph.outputs[0].name]!.floats)
            let floatPredicted = Self.argmax(try float.run(["input": input]).values.first!.floats)
            correct += predicted == label ? 1 : 0
            floatCorrect += floatPredicted == label ? 1 : 0
            agreements += predicted == floatPredicted ? 1 : 0
        }
        #expect(result.images == 20)
        #expect(result.accuracy == Double(correct) / 20)
        #expect(result.floatAccuracy == Double(floatCorrect) / 20)
        #expect(result.top1Agreement == Double(agreements) / 20)
        #expect(result.referenceChecks == 20 && result.referenceMismatches == 0)
        #expect(result.layers.map(\.name) == model.graph.layers.map(\.name))
        #expect(result.layers.filter { $0.cosine < 0.99 }.isEmpty)
    }

    /// Several threads, or three shards merged, give exactly the result of one thread.
    @Test func jobsAndShardsDoNotChangeTheResult() throws {
        let model = try KitFixtures.compiledLeNet.get()
        let session = try Session(model: model)
        let images = try LabeledImages(directory: try KitFixtures.images(Self.names), classNames: model.metadata.labels)
        func evaluate(jobs: Int, shard: Shard = .whole) throws -> EvaluationResult {
            let options = EvaluationOptions(floatModel: KitFixtures.lenet, perLayer: true, checkIntegerReference: true, limit: 17,
                                            shard: shard, jobs: jobs)
            return try Evaluation(session: session, options: options).run(on: images)
        }
        let single = try evaluate(jobs: 1)
        #expect(single.images == 17)
        #expect(try evaluate(jobs: 3) == single)
        let shards = try (0..<3).map { index in
            let shard = try Shard(index: index, count: 3)
            return (shard: shard, result: try evaluate(jobs: 2, shard: shard))
        }
        #expect(shards.map(\.result.outcomes.first?.file) == ["0002_0.png", "0005_0.png", "0501_1.png"])
        #expect(try EvaluationResult.merging(shards) == single)
    }

    @Test func limitTakesTheFirstImages() throws {
        let model = try KitFixtures.compiledLeNet.get()
        let images = try LabeledImages(directory: try KitFixtures.images(Array(Self.names.prefix(5))), classNames: [])
        let result = try Evaluation(session: try Session(model: model), options: EvaluationOptions(limit: 3)).run(on: images)
        #expect(result.images == 3)
        #expect(result.floatAccuracy == nil && result.referenceChecks == nil && result.layers.isEmpty)
    }

    @Test func optionsAreCheckedFirst() throws {
        let session = try Session(model: try KitFixtures.compiledLeNet.get())
        #expect(throws: VGGCKitError.perLayerWithoutFloatModel) {
            try Evaluation(session: session, options: EvaluationOptions(perLayer: true))
        }
        #expect(throws: VGGCKitError.evaluationLimit(0)) {
            try Evaluation(session: session, options: EvaluationOptions(limit: 0))
        }
    }

    /// The first index of the largest value.
    static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        return best
    }
}
