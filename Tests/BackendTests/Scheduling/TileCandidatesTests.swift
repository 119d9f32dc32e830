@testable import Backend
import Accelerator
import Testing

@Suite struct TileCandidatesTests {
    static let work: LayerWork = {
        let layer = SchedulingFixtures.conv("c", input: "x", inputChannels: 32, outputChannels: 48, size: 20)
        return try! LayerClassifier.work(of: layer, operandDims: [[1, 32, 20, 20]], slices: ChannelSlices(graph: SchedulingFixtures.tinyNetwork()),
                                         shuffles: ChannelShuffles(graph: SchedulingFixtures.tinyNetwork()),
                                         mode: .standard, target: SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64))
    }()

    static func budget(_ input: Int, _ weight: Int, _ accumulator: Int, _ output: Int, residentInputs: Int = 0) -> LayerBudget {
        LayerBudget(inputBytes: input, weightBytes: weight, accumulatorBytes: accumulator, outputBytes: output, elementBytes: 1,
                    accumulatorEntryBytes: 4, residentInputs: residentInputs, outputResident: false)
    }

    /// The search as it was written before the table: every candidate in enumeration order, those
    /// that fit, the fewest cycles, then within the tolerance the first with the fewest DRAM bytes,
    /// cycles and instructions.
    static func naiveBest(_ timing: TimingModel, _ budget: LayerBudget) -> TileShape? {
        let geometry = work.geometry!
        let array = timing.config.array
        let m = TileSearch.candidates(geometry.outputChannels, multiple: array.po, limit: 16)
        let c = TileSearch.candidates(geometry.inputChannels, multiple: array.pi, limit: 16)
        let rows = TileSearch.candidates(geometry.outputHeight, multiple: 1, limit: 20)
        let columns = TileSearch.candidates(geometry.outputWidth, multiple: 1, limit: 8)
        let model = TileCostModel(work: work, geometry: geometry, timing: timing, budget: budget, rows: rows, columns: columns)
        var feasible: [(TileShape, TileEstimate)] = []
        for order in TileShape.Order.allCases { for m in m { for c in c { for r in rows { for w in columns {
            let tile = TileShape(outputChannels: m, inputChannels: c, rows: r, columns: w, order: order)
            if let estimate = model.estimate(tile) { feasible.append((tile, estimate)) }
        } } } } }
        guard let fastest = feasible.map(\.1.cycles).min() else { return nil }
        var best: (TileShape, TileEstimate)?
        for candidate in feasible where Double(candidate.1.cycles) <= Double(fastest) * 1.03 {
            let e = candidate.1
            if best.map({ (e.dramBytes, e.cycles, e.instructions) < ($0.1.dramBytes, $0.1.cycles, $0.1.instructions) }) ?? true {
                best = candidate
            }
        }
        return best?.0
    }

    static let budgets = [budget(8192, 8192, 8192, 4096), budget(2048, 4096, 2048, 1024), budget(65536, 65536, 65536, 65536),
                          budget(1024, 2048, 512, 512), budget(40000, 3000, 20000, 900), budget(64, 64, 64, 64),
                          budget(30000, 30000, 30000, 30000, residentInputs: 1)]

    @Test(arguments: budgets)
    func searchEqualsTheNaiveSearch(_ budget: LayerBudget) throws {
        let timing = TimingModel(config: SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64))
        #expect(TileSearch.best(work: Self.work, timing: timing, budget: budget)?.tile == Self.naiveBest(timing, budget))
    }

    /// One memo table, built for the largest buffers, answers every smaller budget as a search of its own does.
    @Test func memoAnswersEveryBudgetAsAFreshSearch() throws {
        let config = SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64)
        let memo = BackendMemo(largestBuffers: config.buffers)
        let timing = TimingModel(config: config)
        for budget in Self.budgets {
            let fresh = TileSearch.best(work: Self.work, timing: timing, budget: budget)
            let memoized = memo.best(layer: 0, work: Self.work, timing: timing, budget: budget)
            #expect(fresh?.tile == memoized?.tile && fresh?.estimate == memoized?.estimate)
        }
        #expect(memo.tableCount == 2, "one table per residence of the input")
    }
}
