import Accelerator
import Backend
@testable import Exploration
import Foundation
import Quantization
import Resources
import Testing
import VGGCKit

@Suite struct ExplorerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lenet = repository.appendingPathComponent("models/lenet_de1soc.onnx")

    static let space = DesignSpace(po: [4, 16], pi: [2, 8], pk: [1, 9], pp: [1, 4], inputBytes: DesignSpace.kibibytes([4, 32]),
                                   weightBytes: DesignSpace.kibibytes([2, 64]), accumulatorBytes: DesignSpace.kibibytes([16]),
                                   outputBytes: DesignSpace.kibibytes([2, 16]), smallestArrayShare: 64, smallestMemoryShare: 1000)

    static let options: ExplorationOptions = try! ExplorationOptions(part: try FPGAPart.named("xc7z020"), space: space)

    /// LeNet quantized once, data-free, in the board's arithmetic.
    static let graph: QuantizedGraph = {
        let base = options.platform.baselineConfig
        return try! ExplorationModel.graph(at: lenet, arithmetic: base.arithmetic, target: base)
    }()

    static let result: ExplorationResult = try! Explorer(graph: graph, model: "lenet", options: options).run(jobs: 2)

    @Test func resultDoesNotDependOnTheThreadCount() throws {
        let single = try Explorer(graph: Self.graph, model: "lenet", options: Self.options).run(jobs: 1)
        #expect(single == Self.result)
        #expect(Self.result.evaluated + Self.result.pruned == Self.result.swept)
        let best = try #require(Self.result.best)
        #expect(Self.result.evaluated > 0 && Self.result.pareto.contains(best))
    }

    /// The shards of a split, merged, are the whole sweep: counts, front, best and presets.
    @Test func shardsMergeIntoTheWholeSweep() throws {
        let explorer = Explorer(graph: Self.graph, model: "lenet", options: Self.options)
        let shards = try (0..<3).map { try explorer.run(jobs: 2, shard: try Shard(index: $0, count: 3)) }
        #expect(shards.map(\.shard) == (try (0..<3).map { try Shard(index: $0, count: 3) }))
        #expect(try ExplorationResult.merging(shards.reversed()) == Self.result)
        #expect(throws: VGGCKitError.self) { try ExplorationResult.merging(Array(shards.prefix(2))) }
        #expect(throws: VGGCKitError.self) { try ExplorationResult.merging(shards + [shards[1]]) }
    }

    /// Every group goes to one shard; a shard gets no more configs than another plus the largest
    /// group, and keeps its groups in the order given.
    @Test func splitDealsEveryGroupOnceInSimilarShares() throws {
        let groups = Self.space.groups(base: Self.options.platform.baselineConfig, arithmetic: Self.graph.arithmetic, clockMHz: 100,
                                       drams: Self.options.platform.dramChoices(clockMHz: 100), part: Self.options.part,
                                       budget: ResourceBudget(), model: .standard)
        let shards = Explorer.split(groups, into: 3)
        #expect(shards.flatMap { $0 }.sorted { $0.members[0].config.name < $1.members[0].config.name }
            == groups.sorted { $0.members[0].config.name < $1.members[0].config.name })
        let sizes = shards.map { $0.reduce(0) { $0 + $1.members.count } }
        let largest = groups.map(\.members.count).max() ?? 0
        #expect(sizes.max()! - sizes.min()! <= largest, "\(sizes)")
        for shard in shards {
            let positions = shard.map { group in groups.firstIndex(of: group)! }
            #expect(positions == positions.sorted())
        }
    }

    /// Every config of the sweep compiled on its own (no tables, lowering or timing shared), none
    /// pruned, and the front taken by definition: the same front as the sweep with pruning and
    /// sharing, so neither drops or changes a front member.
    @Test func pruningKeepsTheFrontOfTheExhaustiveSweep() throws {
        try Self.expectTheExhaustiveFront(of: Self.graph, options: Self.options, result: Self.result)
    }

    /// The same on LeNet on the xc7z045, where DMA setup and DRAM latency are most of a layer's
    /// cycles: the bound charges the DMAs every schedule makes, so the sweep prunes.
    @Test func pruningOnLeNetKeepsTheFrontOfTheExhaustiveSweep() throws {
        let options = try ExplorationOptions(part: try FPGAPart.named("xc7z045"), space: Self.space)
        let result = try Explorer(graph: Self.graph, model: "lenet", options: options).run(jobs: 2)
        #expect(result.pruned > 0)
        try Self.expectTheExhaustiveFront(of: Self.graph, options: options, result: result)
    }

    /// The same on VGG16 layers (the shipped VGG16 for MNIST: 3×3 convolutions of 64 to 512
    /// channels and fully-connected layers of 4096). Whether the sweep prunes here depends on the
    /// DMA's bandwidth (it pruned none while the RTL, and the timing model, moved one bus word a
    /// cycle on every DRAM port choice), so what this checks is the front.
    @Test func pruningOnVGG16LayersKeepsTheFrontOfTheExhaustiveSweep() throws {
        let kib = DesignSpace.kibibytes
        let space = DesignSpace(po: [8, 16, 32], pi: [8, 32], pk: [1, 9], pp: [1], inputBytes: kib([256, 1024]),
                                weightBytes: kib([1024]), accumulatorBytes: kib([64]), outputBytes: kib([128]),
                                smallestArrayShare: 64, smallestMemoryShare: 1000)
        let options = try ExplorationOptions(part: try FPGAPart.named("xc7z045"), space: space)
        let base = options.platform.baselineConfig
        let graph = try ExplorationModel.graph(at: Self.repository.appendingPathComponent("models/vgg16_mnist.onnx"),
                                               arithmetic: base.arithmetic, target: base)
        let result = try Explorer(graph: graph, model: "vgg16_mnist", options: options).run(jobs: 2)
        try Self.expectTheExhaustiveFront(of: graph, options: options, result: result)
    }

    /// Expects `result`'s front to be the front, by definition, of every config of its sweep
    /// compiled on its own.
    static func expectTheExhaustiveFront(of graph: QuantizedGraph, options: ExplorationOptions, result: ExplorationResult) throws {
        let clock = options.clock
        let groups = options.space.groups(base: options.platform.baselineConfig, arithmetic: graph.arithmetic, clockMHz: clock,
                                          drams: options.platform.dramChoices(clockMHz: clock), part: options.part,
                                          budget: ResourceBudget(), model: .standard)
        let members = groups.flatMap(\.members)
        let evaluator = try ConfigEvaluator(graph: graph, probe: members[0].config)
        let points = try members.compactMap { member in
            var timings: [TimingShape: ConfigEvaluator.Timing] = [:]
            return try evaluator.evaluate(member.config, resources: member.resources,
                                          memo: BackendMemo(largestBuffers: member.config.buffers), timings: &timings)
        }
        #expect(members.count == result.swept)
        let undominated = points.filter { p in !points.contains { $0.dominates(p) } }
        let byFigures = Dictionary(grouping: undominated) { "\($0.latencyUs) \($0.energyUJ) \($0.dsp) \($0.bram36)" }
        let front = byFigures.values.map { $0.min { ($0.config.totalSRAMBytes, $0.config.name) < ($1.config.totalSRAMBytes, $1.config.name) }! }
        #expect(front.sorted(by: DesignPoint.precedes) == result.pareto)
    }

    /// The cycles and energy the sweep reports for a config are what `vggc compile --target` and a
    /// run on the accelerator model give: the full standard pipeline, its own constants and tile
    /// search, then the simulator's timeline and counters.
    @Test func pointsEqualACompileAndARunOfTheirConfig() throws {
        let chosen = [try #require(Self.result.best), Self.result.pareto[Self.result.pareto.count / 2], Self.result.pareto.last!]
        for point in chosen {
            let compilation = try Compiler(options: CompileOptions(target: point.config)).compile(modelAt: Self.lenet)
            let session = try Session(model: try #require(compilation.model))
            let inference = try session.run(stored: Array(repeating: 0, count: session.model.program.input.count))
            #expect(inference.cycles == point.cycles, "\(point.config.name)")
            #expect(abs(inference.run.energy.totalPJ / 1e6 - point.energyUJ) <= 1e-9 * point.energyUJ, "\(point.config.name)")
            let program = session.model.program
            let convolutions = program.layers.filter { $0.op == "Conv" }
            let timeline = try PipelineTimeline.schedule(program.instructions, timing: TimingModel(config: point.config))
            let convInstructions = try #require(convolutions.last).instructions.upperBound
            let convEnd = try #require(timeline.events[..<convInstructions].map(\.end).max())
            let convGOPS = 2 * Double(convolutions.reduce(0) { $0 + $1.macs }) / (Double(convEnd) / (point.config.clockMHz * 1e6)) / 1e9
            #expect(abs(point.convGOPS - convGOPS) <= 1e-9 * convGOPS, "\(point.config.name)")
        }
    }

    /// The work bound is below every compiled config's cycles and energy.
    @Test func workBoundIsBelowEveryPoint() throws {
        for point in Self.result.pareto + Self.result.presets {
            let bound = WorkBound(program: try ScheduledProgram(graph: Self.graph, config: point.config))
            #expect(bound.cycles <= point.cycles, "\(point.config.name)")
            #expect(bound.energyUJ(cycles: bound.cycles) <= point.energyUJ, "\(point.config.name)")
        }
    }
}
