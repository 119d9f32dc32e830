import Testing
import VGGCKit

@Suite struct ShardTests {
    @Test func imageKGoesToShardKModN() throws {
        let shard = try Shard(text: "1/3")
        #expect(shard.index == 1 && shard.count == 3 && shard.text == "1/3")
        #expect(shard.positions(among: 8) == [1, 4, 7])
        #expect(shard.select(["a", "b", "c", "d", "e"]) == ["b", "e"])
        #expect(Shard.whole.positions(among: 3) == [0, 1, 2])
    }

    @Test func refusesImpossibleShards() {
        #expect(throws: VGGCKitError.invalidShard(index: 3, count: 3)) { try Shard(text: "3/3") }
        #expect(throws: VGGCKitError.invalidShard(index: 0, count: 0)) { try Shard(index: 0, count: 0) }
        #expect(throws: VGGCKitError.malformedShard("1-3")) { try Shard(text: "1-3") }
    }
}
