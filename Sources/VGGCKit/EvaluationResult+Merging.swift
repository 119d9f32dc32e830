extension EvaluationResult {
    /// The result of the whole evaluation from the results of all its shards (`Shard`): the images
    /// interleaved back into input order, the layer sums added. Refuses a set of shards that is not
    /// exactly `0/N … N-1/N`, shards that measured different things, or a shard with the wrong
    /// number of images.
    public static func merging(_ parts: [(shard: Shard, result: EvaluationResult)]) throws -> EvaluationResult {
        let count = parts.first?.shard.count ?? 0
        let ordered = parts.sorted { $0.shard.index < $1.shard.index }
        guard count >= 1, ordered.map(\.shard) == (try (0..<count).map { try Shard(index: $0, count: count) }) else {
            throw VGGCKitError.incompleteShards(given: parts.map(\.shard.text), count: count)
        }
        let first = ordered[0].result
        for part in ordered where part.result.comparesFloat != first.comparesFloat
            || part.result.checksReference != first.checksReference || part.result.layers.map(\.name) != first.layers.map(\.name) {
            throw VGGCKitError.shardsDisagree(shard: part.shard.text, reason: "it measured other things (float model, integer reference or layers)")
        }
        let total = ordered.map(\.result.images).reduce(0, +)
        for part in ordered where part.result.images != part.shard.positions(among: total).count {
            throw VGGCKitError.shardsDisagree(shard: part.shard.text, reason: "\(part.result.images) images where \(total) in all give it \(part.shard.positions(among: total).count)")
        }
        var merged = EvaluationResult(outcomes: [], layers: first.layers.map { LayerAgreement(name: $0.name, value: $0.value) },
                                      comparesFloat: first.comparesFloat, checksReference: first.checksReference)
        for position in 0..<total {
            merged.add(ordered[position % count].result.outcomes[position / count])
        }
        for part in ordered { merged.addLayers(part.result.layers) }
        return merged
    }
}
