import Foundation
import Accelerator
import Backend
import Quantization
import VGGCKit

/// Sweeps the configs of `options.space` for one quantized graph on one part: keeps those within
/// the part and the budget, compiles and times each with the real backend unless the front so far
/// beats its work bound, and keeps the Pareto front (docs/EXPLORE.md).
///
/// Configs are grouped by PE array and DRAM interface (one group's configs share the tile-search
/// tables). The `seedGroups` groups of the fastest work bound run first (their points prune the
/// most); every other group is pruned against their front and its own points only, so the configs
/// compiled, and the result, are the same for any `jobs`, and shards (`Explorer+Sharding.swift`)
/// merge into exactly the whole sweep.
public struct Explorer: Sendable {
    public let graph: QuantizedGraph
    /// The model's name, for the result.
    public let model: String
    public let options: ExplorationOptions

    /// Groups of the fastest work bound that every shard explores first: the other groups are
    /// pruned against their front (and their own points), so what is pruned does not depend on the
    /// thread count or the sharding. One: on VGG16 (xc7z045) a seed of 1 or 2 groups prunes 1,404
    /// of 5,037 configs, 4 groups 1,136, 8 groups 1,821 but puts about 1,100 configs in front of
    /// every shard (one group, a few dozen).
    static let seedGroups = 1

    public init(graph: QuantizedGraph, model: String, options: ExplorationOptions) {
        self.graph = graph
        self.model = model
        self.options = options
    }

    /// Runs the sweep, or its shard `shard`, on up to `jobs` threads; `progress` hears on the
    /// calling thread as groups finish. Throws `ExplorationError.nothingFits` when no config is
    /// within the budget, `nothingRuns` when no config of a whole sweep runs every layer, and
    /// `configFailed`. A shard's result (`shard` set) holds its own configs' front and counts, and
    /// `ExplorationResult.merging` of every shard's is the whole sweep's result.
    public func run(jobs: Int, shard: Shard? = nil, progress: (ExplorationProgress) -> Void = { _ in }) throws -> ExplorationResult {
        let base = options.platform.baselineConfig
        let part = options.part
        let groups = options.space.groups(
            base: base, arithmetic: graph.arithmetic, clockMHz: options.clock, drams: options.platform.dramChoices(clockMHz: options.clock),
            part: part, budget: options.budget, model: options.resourceModel)
        guard let probe = groups.first?.members.first?.config else {
            throw ExplorationError.nothingFits(part: part.name, dsp: options.budget.dspLimit(on: part),
                                               bram36: options.budget.bram36Limit(on: part), luts: part.luts,
                                               flipFlops: part.flipFlops)
        }
        let evaluator = try ConfigEvaluator(graph: graph, probe: probe)
        let ordered = try groups.enumerated().map { (try evaluator.workBound(on: $1.members[0].config).cycles, $0, $1) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        let seed = Array(ordered.prefix(Self.seedGroups))
        let own = Self.split(Array(ordered.dropFirst(Self.seedGroups)), into: shard?.count ?? 1)[shard?.index ?? 0]
        let total = (seed + own).reduce(0) { $0 + $1.members.count }
        let tally = Tally()
        func report() { progress(ExplorationProgress(done: tally.value, total: total)) }
        let seedOutcomes = try Self.explore(seed, front: ParetoFront(), jobs: jobs, evaluator: evaluator, tally: tally, progress: report)
        var seedFront = ParetoFront()
        seedOutcomes.flatMap(\.points).forEach { seedFront.insert($0) }
        let ownOutcomes = try Self.explore(own, front: seedFront, jobs: jobs, evaluator: evaluator, tally: tally, progress: report)
        let reportsSeed = (shard?.index ?? 0) == 0
        let outcomes: [GroupOutcome] = (reportsSeed ? seedOutcomes : []) + ownOutcomes
        var front = ParetoFront()
        outcomes.flatMap(\.points).forEach { front.insert($0) }
        let pareto = front.points
        let best = Self.best(of: pareto, by: options.objective)
        if shard == nil, best == nil {
            throw ExplorationError.nothingRuns(model: model, part: part.name, reason: "every config that fits leaves some layer without a tile")
        }
        let unfit = outcomes.reduce(0) { $0 + $1.unfit }
        return ExplorationResult(model: model, part: part.name, clockMHz: options.clock, objective: options.objective, shard: shard,
                                 swept: (reportsSeed ? seed + own : own).reduce(0) { $0 + $1.members.count },
                                 evaluated: outcomes.reduce(0) { $0 + $1.points.count } + unfit,
                                 pruned: outcomes.reduce(0) { $0 + $1.pruned }, unfit: unfit, pareto: pareto, best: best,
                                 presets: try presetPoints(evaluator))
    }

    /// The point of `pareto` (in front order) with the smallest `objective` value, the first such.
    static func best(of pareto: [DesignPoint], by objective: Objective) -> DesignPoint? {
        pareto.min { objective.value(of: $0) < objective.value(of: $1) }
    }

    /// Explores `groups` on `jobs` threads, each pruned against `front` and its own points.
    private static func explore(_ groups: [ConfigGroup], front: ParetoFront, jobs: Int, evaluator: ConfigEvaluator, tally: Tally,
                                progress: () -> Void) throws -> [GroupOutcome] {
        try ParallelWork.map(count: groups.count, jobs: jobs, progress: { _ in progress() }) { index in
            let outcome = try explore(groups[index], front: front, evaluator: evaluator)
            tally.add(groups[index].members.count)
            return outcome
        }
    }

    /// What one group contributed: the points it compiled, and how many it pruned or could not fit.
    private struct GroupOutcome: Sendable {
        var points: [DesignPoint] = []
        var pruned = 0
        var unfit = 0
    }

    /// Compiles the group's configs in order, skipping those the front (the seed groups' and the
    /// group's own points) beats at their work bound.
    private static func explore(_ group: ConfigGroup, front: ParetoFront, evaluator: ConfigEvaluator) throws -> GroupOutcome {
        let memo = BackendMemo(largestBuffers: group.largestBuffers)
        var timings: [TimingShape: ConfigEvaluator.Timing] = [:]
        var front = front
        var outcome = GroupOutcome()
        for member in group.members {
            let config = member.config
            let bound = try evaluator.workBound(on: config)
            let cycles = bound.cycles
            let floor = (latencyUs: Double(cycles) / config.clockMHz, energyUJ: bound.energyUJ(cycles: cycles),
                         dsp: member.resources.dsp, bram36: member.resources.bram36)
            if front.dominatesEverything(above: floor) {
                outcome.pruned += 1
                continue
            }
            guard let point = try evaluator.evaluate(config, resources: member.resources, memo: memo, timings: &timings) else {
                outcome.unfit += 1
                continue
            }
            outcome.points.append(point)
            front.insert(point)
        }
        return outcome
    }

    /// The shipped presets of the graph's arithmetic that run it, sized on the part.
    private func presetPoints(_ evaluator: ConfigEvaluator) throws -> [DesignPoint] {
        try HardwareConfig.presets.filter { $0.arithmetic == graph.arithmetic }.compactMap { preset in
            var timings: [TimingShape: ConfigEvaluator.Timing] = [:]
            return try evaluator.evaluate(preset, resources: options.resourceModel.estimate(preset, on: options.part),
                                          memo: BackendMemo(largestBuffers: preset.buffers), timings: &timings)
        }
    }

    /// Configs finished so far, counted by the workers.
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        var value: Int { lock.withLock { count } }

        func add(_ done: Int) { lock.withLock { count += done } }
    }
}
