extension Shard {
    /// The items of all the shards of a split back in input order: image `k` is item `k / N` of
    /// shard `k mod N`. Refuses a set of shards that is not exactly `0/N … N-1/N`, or a shard with
    /// other than its share of the images all the shards hold together.
    public static func interleaving<Item>(_ parts: [(shard: Shard, items: [Item])]) throws -> [Item] {
        let count = parts.first?.shard.count ?? 0
        let ordered = parts.sorted { $0.shard.index < $1.shard.index }
        guard count >= 1, ordered.map(\.shard) == (try (0..<count).map { try Shard(index: $0, count: count) }) else {
            throw VGGCKitError.incompleteShards(given: parts.map(\.shard.text), count: count)
        }
        let total = ordered.map(\.items.count).reduce(0, +)
        for part in ordered where part.items.count != part.shard.positions(among: total).count {
            throw VGGCKitError.shardsDisagree(
                shard: part.shard.text,
                reason: "\(part.items.count) images where \(total) in all give it \(part.shard.positions(among: total).count)")
        }
        return (0..<total).map { position in ordered[position % count].items[position / count] }
    }
}
