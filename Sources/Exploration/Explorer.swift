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
/// tables); groups run fastest work bound first (their points prune the most), `wave` at a time on
/// `jobs` threads. A group is pruned against the front of
/// the earlier waves and its own points, so the configs compiled, and the result, are the same for
/// any `jobs`.
public struct Explorer: Sendable {
    public let graph: QuantizedGraph
    /// The model's name, for the result.
    public let model: String
    public let options: ExplorationOptions

    /// Groups per wave: fixed, so that what is pruned does not depend on the thread count.
    static let wave = 8

    public init(graph: QuantizedGraph, model: String, options: ExplorationOptions) {
        self.graph = graph
        self.model = model
        self.options = options
    }

    /// Runs the sweep on up to `jobs` threads; `progress` hears on the calling thread as groups
    /// finish. Throws `ExplorationError.nothingFits` when no config is within the budget,
    /// `nothingRuns` when no config runs every layer, and `configFailed`.
    public func run(jobs: Int, progress: (ExplorationProgress) -> Void = { _ in }) throws -> ExplorationResult {
        let base = options.platform.baselineConfig
        let part = options.part
        let groups = options.space.groups(
            base: base, arithmetic: graph.arithmetic, clockMHz: options.clock, drams: options.platform.dramChoices(clockMHz: options.clock),
            part: part, budget: options.budget, model: options.resourceModel)
        guard let probe = groups.first?.members.first?.config else {
            throw ExplorationError.nothingFits(part: part.name, dsp: options.budget.dspLimit(on: part),
                                               bram36: options.budget.bram36Limit(on: part))
        }
        let evaluator = try ConfigEvaluator(graph: graph, probe: probe)
        let bound = WorkBound(program: evaluator.unscheduled)
        let ordered = groups.enumerated().map { (bound.cycles(on: $1.members[0].config), $0, $1) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        let total = ordered.reduce(0) { $0 + $1.members.count }
        let tally = Tally()
        var front = ParetoFront()
        var counts = (evaluated: 0, pruned: 0, unfit: 0)
        for start in stride(from: 0, to: ordered.count, by: Self.wave) {
            let wave = Array(ordered[start..<min(start + Self.wave, ordered.count)])
            let before = front
            let outcomes = try ParallelWork.map(count: wave.count, jobs: jobs, progress: { _ in
                progress(ExplorationProgress(done: tally.value, total: total))
            }) { index in
                let outcome = try Self.explore(wave[index], front: before, bound: bound, evaluator: evaluator)
                tally.add(wave[index].members.count)
                return outcome
            }
            for outcome in outcomes {
                outcome.points.forEach { front.insert($0) }
                counts.evaluated += outcome.points.count + outcome.unfit
                counts.pruned += outcome.pruned
                counts.unfit += outcome.unfit
            }
        }
        let pareto = front.points
        guard let best = pareto.min(by: { options.objective.value(of: $0) < options.objective.value(of: $1) }) else {
            throw ExplorationError.nothingRuns(model: model, part: part.name, reason: "every config that fits leaves some layer without a tile")
        }
        return ExplorationResult(model: model, part: part.name, clockMHz: options.clock, objective: options.objective, swept: total,
                                 evaluated: counts.evaluated, pruned: counts.pruned, unfit: counts.unfit, pareto: pareto, best: best,
                                 presets: try presetPoints(evaluator))
    }

    /// What one group contributed: the points it compiled, and how many it pruned or could not fit.
    private struct GroupOutcome: Sendable {
        var points: [DesignPoint] = []
        var pruned = 0
        var unfit = 0
    }

    /// Compiles the group's configs in order, skipping those the front (earlier waves and the
    /// group's own points) beats at their work bound. Every member has the same array, DRAM and
    /// clock, so the same bound.
    private static func explore(_ group: ConfigGroup, front: ParetoFront, bound: WorkBound,
                                evaluator: ConfigEvaluator) throws -> GroupOutcome {
        let memo = BackendMemo(largestBuffers: group.largestBuffers)
        var timings: [TimingShape: ConfigEvaluator.Timing] = [:]
        var front = front
        var outcome = GroupOutcome()
        let cycles = bound.cycles(on: group.members[0].config)
        for member in group.members {
            let config = member.config
            let floor = (latencyUs: Double(cycles) / config.clockMHz, energyUJ: bound.energyUJ(on: config, cycles: cycles),
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
