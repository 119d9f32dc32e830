import Testing
import VGGCKit

@Suite struct EvaluationResultMergingTests {
    /// Seven images in three shards (k mod 3), with layer values per image, against one tally of all.
    static let outcomes = (0..<7).map { k in
        ImageEvaluation(file: "\(k).png", label: k % 2, predicted: k % 3 == 0 ? 1 : 0, floatPredicted: k % 2,
                        referenceDifference: k == 5 ? "y" : nil)
    }
    static let values: [[Float]] = (0..<7).map { k in [Float(k) * 0.1, 1 / Float(k + 3), -0.3] }

    static func tally(_ positions: [Int]) -> EvaluationResult {
        var result = EvaluationResult(layers: [(name: "fc", value: "y")], comparesFloat: true, checksReference: true)
        for k in positions {
            result.add(outcomes[k])
            result.addLayers(quantized: ["y": values[k]], reference: ["y": values[k].map { $0 + 0.01 }])
        }
        return result
    }

    @Test func threeShardsMergeIntoTheWhole() throws {
        let parts = try (0..<3).map { index in
            let shard = try Shard(index: index, count: 3)
            return (shard: shard, result: Self.tally(shard.positions(among: 7)))
        }
        #expect(parts.map(\.result.images) == [3, 2, 2])
        let merged = try EvaluationResult.merging(parts.reversed())
        #expect(merged == Self.tally(Array(0..<7)))
        #expect(merged.outcomes.map(\.file) == (0..<7).map { "\($0).png" })
        #expect(merged.firstReferenceMismatch == EvaluationResult.Mismatch(file: "5.png", output: "y"))
    }

    @Test func refusesMissingOrRepeatedShards() throws {
        let first = (shard: try Shard(index: 0, count: 2), result: Self.tally([0, 2, 4, 6]))
        #expect(throws: VGGCKitError.incompleteShards(given: ["0/2"], count: 2)) { try EvaluationResult.merging([first]) }
        #expect(throws: VGGCKitError.incompleteShards(given: ["0/2", "0/2"], count: 2)) {
            try EvaluationResult.merging([first, first])
        }
    }

    @Test func refusesAShardWithTheWrongImageCount() throws {
        let parts = [(shard: try Shard(index: 0, count: 2), result: Self.tally([0])),
                     (shard: try Shard(index: 1, count: 2), result: Self.tally([1, 3]))]
        #expect(throws: VGGCKitError.shardsDisagree(shard: "0/2", reason: "1 images where 3 in all give it 2")) {
            try EvaluationResult.merging(parts)
        }
    }
}
