import Testing
import VGGCKit

@Suite struct ShardInterleavingTests {
    @Test func sevenItemsInThreeShardsComeBackInInputOrder() throws {
        // Written out by hand: 0/3 holds a, d, g; 1/3 holds b, e; 2/3 holds c, f.
        let parts = [(shard: try Shard(text: "2/3"), items: ["c", "f"]),
                     (shard: try Shard(text: "0/3"), items: ["a", "d", "g"]),
                     (shard: try Shard(text: "1/3"), items: ["b", "e"])]
        #expect(try Shard.interleaving(parts) == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(try Shard.interleaving([(shard: Shard.whole, items: [5, 6])]) == [5, 6])
    }

    @Test func refusesMissingOrRepeatedShards() throws {
        let first = (shard: try Shard(text: "0/2"), items: ["a"])
        #expect(throws: VGGCKitError.incompleteShards(given: ["0/2"], count: 2)) { try Shard.interleaving([first]) }
        #expect(throws: VGGCKitError.incompleteShards(given: ["0/2", "0/2"], count: 2)) { try Shard.interleaving([first, first]) }
        #expect(throws: VGGCKitError.incompleteShards(given: [], count: 0)) { try Shard.interleaving([(shard: Shard, items: [Int])]()) }
    }

    @Test func refusesAShardWithOtherThanItsShare() throws {
        let parts = [(shard: try Shard(text: "0/2"), items: ["a"]), (shard: try Shard(text: "1/2"), items: ["b", "d"])]
        #expect(throws: VGGCKitError.shardsDisagree(shard: "0/2", reason: "1 images where 3 in all give it 2")) {
            try Shard.interleaving(parts)
        }
    }
}
