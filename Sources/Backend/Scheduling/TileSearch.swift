import Accelerator

/// Chooses a layer's tiling: every combination of candidate tile sizes (output channels, input
/// channels, rows, columns) and both loop orders is ranked by `TileCostModel`. Among the tilings
/// that fit the SRAM budget and come within `cycleTolerance` of the fewest modeled cycles, the one
/// moving the fewest DRAM bytes wins (then fewer cycles, then fewer instructions): a sliver of
/// overlap is not worth re-reading halos.
/// Candidate sizes are `ceil(N / n)` for a spread of tile counts `n`, rounded up to the PE array's
/// parallelism along that dimension, so partial tiles waste as little of the array as possible.
enum TileSearch {
    /// The best tiling, or `nil` when not even the smallest tile fits.
    static func best(work: LayerWork, timing: TimingModel, budget: LayerBudget) -> (tile: TileShape, estimate: TileEstimate)? {
        TileCandidates(work: work, timing: timing, limit: budget)?.best(fitting: budget)
    }

    /// `best` for layer `index` of `program`, from `memo`'s table when there is a memo.
    static func best(layer index: Int, of program: ScheduledProgram, timing: TimingModel, budget: LayerBudget,
                     memo: BackendMemo?) -> (tile: TileShape, estimate: TileEstimate)? {
        let work = program.layers[index].work
        guard let memo else { return best(work: work, timing: timing, budget: budget) }
        return memo.best(layer: index, work: work, timing: timing, budget: budget)
    }

    /// How far above the fewest cycles a tiling may be and still win on DRAM bytes.
    static let cycleTolerance = 0.03

    /// Tile sizes for a dimension of `size`: `ceil(size / n)` rounded up to a multiple of
    /// `multiple` (at most `size`), for `n` = 1…8 and then growing by a quarter, down to one
    /// multiple (or 1), largest first, at most `limit` of them.
    static func candidates(_ size: Int, multiple: Int, limit: Int) -> [Int] {
        var values: [Int] = []
        var count = 1
        while values.count < limit - 1 {
            let raw = (size + count - 1) / count
            let value = min(size, (raw + multiple - 1) / multiple * multiple)
            if values.last != value { values.append(value) }
            if raw <= 1 || value <= multiple { break }
            count = count < 8 ? count + 1 : count + max(1, count / 4)
        }
        if let last = values.last, last > min(size, multiple) { values.append(min(size, multiple)) }
        return values
    }
}
