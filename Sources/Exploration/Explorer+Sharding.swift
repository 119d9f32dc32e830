/// How a sweep's groups are split into shards (`vggc explore --shard I/N`).
extension Explorer {
    /// `groups` (in work-bound order) dealt into `count` shards of similar work: the largest group
    /// first, each to the shard with the fewest configs so far (the lowest index among equals).
    /// Each shard keeps its groups in their given order. Depends only on the groups, so every
    /// shard computes the same split.
    static func split(_ groups: [ConfigGroup], into count: Int) -> [[ConfigGroup]] {
        precondition(count >= 1, "a sweep splits into at least one shard, not \(count)")
        let largestFirst = groups.indices.sorted { (-groups[$0].members.count, $0) < (-groups[$1].members.count, $1) }
        var shards = Array(repeating: [Int](), count: count)
        var sizes = Array(repeating: 0, count: count)
        for index in largestFirst {
            let lightest = sizes.indices.min { (sizes[$0], $0) < (sizes[$1], $1) } ?? 0
            shards[lightest].append(index)
            sizes[lightest] += groups[index].members.count
        }
        return shards.map { $0.sorted().map { groups[$0] } }
    }
}
