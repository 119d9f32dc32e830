@testable import Backend
import IR
import Testing
import Accelerator

@Suite struct TileSearchTests {
    @Test func candidatesRoundUpToTheArrayAndEndAtOneMultiple() {
        #expect(TileSearch.candidates(64, multiple: 16, limit: 16) == [64, 32, 16])
        #expect(TileSearch.candidates(3, multiple: 16, limit: 16) == [3])
        #expect(TileSearch.candidates(10, multiple: 1, limit: 20) == [10, 5, 4, 3, 2, 1])
        let wide = TileSearch.candidates(25088, multiple: 16, limit: 16)
        #expect(wide.first == 25088 && wide.last == 16 && wide.count <= 16 && wide.dropFirst().allSatisfy { $0 % 16 == 0 })
        #expect(zip(wide, wide.dropFirst()).allSatisfy { $0 > $1 })
    }

    /// The search must find (nearly) the cheapest tiling an exhaustive enumeration of every tile
    /// size finds under the same cost model, and that optimum must be far better than the worst
    /// tiling that fits: taking the first tile that fits would not do.
    @Test func searchIsCloseToTheExhaustiveOptimum() throws {
        let config = SchedulingFixtures.config(input: 8, weight: 8, accumulator: 8, output: 4)
        let layer = SchedulingFixtures.conv("c", input: "x", inputChannels: 32, outputChannels: 48, size: 20)
        let work = try LayerClassifier.work(of: layer, operandDims: [[1, 32, 20, 20]], slices: ChannelSlices(graph: SchedulingFixtures.tinyNetwork()), shuffles: ChannelShuffles(graph: SchedulingFixtures.tinyNetwork()), mode: .standard, target: config)
        let budget = LayerBudget(inputBytes: 8192, weightBytes: 8192, accumulatorBytes: 8192, outputBytes: 4096, elementBytes: 1,
                                 accumulatorEntryBytes: 4, residentInputs: 0, outputResident: false)
        let timing = TimingModel(config: config)
        let found = try #require(TileSearch.best(work: work, timing: timing, budget: budget))
        let geometry = try #require(work.geometry)
        let all = Array(1...20)
        let model = TileCostModel(work: work, geometry: geometry, timing: timing, budget: budget, rows: all, columns: all)
        var estimates: [TileEstimate] = []
        for m in 1...48 { for c in 1...32 { for r in all { for w in all { for order in TileShape.Order.allCases {
            let tile = TileShape(outputChannels: m, inputChannels: c, rows: r, columns: w, order: order)
            if let estimate = model.estimate(tile) { estimates.append(estimate) }
        } } } } }
        let best = try #require(estimates.min()), worst = try #require(estimates.max())
        #expect(Double(found.estimate.cycles) <= Double(best.cycles) * (1.10 + TileSearch.cycleTolerance),
                "search found \(found.estimate.cycles) cycles, exhaustive \(best.cycles)")
        #expect(worst.cycles > 3 * best.cycles, "the layer should have tilings much worse than the best")
        let footprint = TileFootprint(work: work, tile: found.tile, budget: budget)
        #expect(footprint.fits(budget))
    }
}
