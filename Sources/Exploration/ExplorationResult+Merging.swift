import VGGCKit

extension ExplorationResult {
    /// The whole sweep's result from the results of its shards `0/N … N-1/N`, each exactly once:
    /// the counts summed, the front of all their fronts (a front does not depend on the order its
    /// points arrive in), and its best point by the objective. Throws
    /// `VGGCKitError.incompleteShards` for a missing or repeated shard, `shardsDisagree` for a
    /// shard of another model, part, clock, objective or presets, and
    /// `ExplorationError.nothingRuns` when no shard found a config that runs the model.
    public static func merging(_ shards: [ExplorationResult]) throws -> ExplorationResult {
        let given = shards.map { $0.shard?.text ?? "whole" }
        let ordered = shards.sorted { ($0.shard?.index ?? -1) < ($1.shard?.index ?? -1) }
        let count = ordered.first?.shard?.count ?? 0
        guard count >= 1, ordered.map(\.shard) == (try (0..<count).map { try Shard(index: $0, count: count) }) else {
            throw VGGCKitError.incompleteShards(given: given, count: count)
        }
        let first = ordered[0]
        for result in ordered where (result.model, result.part, result.clockMHz, result.objective, result.presets)
            != (first.model, first.part, first.clockMHz, first.objective, first.presets) {
            throw VGGCKitError.shardsDisagree(
                shard: result.shard?.text ?? "?",
                reason: "it explores \(result.model) on \(result.part) at \(result.clockMHz) MHz for \(result.objective.rawValue), "
                    + "shard \(first.shard?.text ?? "?") \(first.model) on \(first.part) at \(first.clockMHz) MHz "
                    + "for \(first.objective.rawValue)")
        }
        var front = ParetoFront()
        ordered.flatMap(\.pareto).forEach { front.insert($0) }
        let pareto = front.points
        guard let best = Explorer.best(of: pareto, by: first.objective) else {
            throw ExplorationError.nothingRuns(model: first.model, part: first.part, reason: "no shard found a config that runs every layer")
        }
        let sum = { (figure: KeyPath<ExplorationResult, Int>) in ordered.reduce(0) { $0 + $1[keyPath: figure] } }
        return ExplorationResult(model: first.model, part: first.part, clockMHz: first.clockMHz, objective: first.objective, shard: nil,
                                 swept: sum(\.swept), evaluated: sum(\.evaluated), pruned: sum(\.pruned), unfit: sum(\.unfit),
                                 pareto: pareto, best: best, presets: first.presets)
    }
}
