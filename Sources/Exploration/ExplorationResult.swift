import VGGCKit

/// What a sweep found: how many configs fit, how many were compiled and timed, pruned by the work
/// bound or could not run a layer; the Pareto front over latency, energy, DSP and block RAM; the
/// best config of the front for the objective; and the shipped presets of the graph's arithmetic,
/// timed the same way and sized on the part, to compare with. A shard's result (`shard` set)
/// counts and fronts its own configs; `merging` the shards gives the whole sweep's result.
public struct ExplorationResult: Codable, Hashable, Sendable {
    public var model: String
    public var part: String
    public var clockMHz: Double
    public var objective: Objective
    /// The part of the sweep this result covers; `nil` for all of it.
    public var shard: Shard?
    /// Configs of the sweep within the part and the budget.
    public var swept: Int
    /// Configs compiled and timed.
    public var evaluated: Int
    /// Configs skipped because a front member beats their lower bound (`WorkBound`).
    public var pruned: Int
    /// Configs compiled that could not fit some layer's smallest tile.
    public var unfit: Int
    /// The front, by latency, energy, DSP, block RAM and name.
    public var pareto: [DesignPoint]
    /// The front's point with the smallest objective value (the first such in front order); `nil`
    /// only for a shard none of whose configs runs every layer.
    public var best: DesignPoint?
    /// Presets of the graph's arithmetic that run it, in preset order.
    public var presets: [DesignPoint]
}

/// How far a sweep has got: configs decided (compiled or pruned) of those that fit.
public struct ExplorationProgress: Hashable, Sendable {
    public var done: Int
    public var total: Int
}
