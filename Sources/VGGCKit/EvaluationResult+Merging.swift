extension EvaluationResult {
    /// The result of the whole evaluation from the results of all its shards (`Shard`): the images
    /// interleaved back into input order (`Shard.interleaving`), the layer sums added. Refuses a set
    /// of shards that is not exactly `0/N … N-1/N`, a shard with the wrong number of images, or
    /// shards that measured different things.
    public static func merging(_ parts: [(shard: Shard, result: EvaluationResult)]) throws -> EvaluationResult {
        let outcomes = try Shard.interleaving(parts.map { ($0.shard, $0.result.outcomes) })
        let ordered = parts.sorted { $0.shard.index < $1.shard.index }
        let first = ordered[0].result
        for part in ordered where part.result.comparesFloat != first.comparesFloat
            || part.result.checksReference != first.checksReference || part.result.layers.map(\.name) != first.layers.map(\.name) {
            throw VGGCKitError.shardsDisagree(shard: part.shard.text, reason: "it measured other things (float model, integer reference or layers)")
        }
        var merged = EvaluationResult(outcomes: outcomes, layers: first.layers.map { LayerAgreement(name: $0.name, value: $0.value) },
                                      comparesFloat: first.comparesFloat, checksReference: first.checksReference)
        for part in ordered { merged.addLayers(part.result.layers) }
        return merged
    }
}
