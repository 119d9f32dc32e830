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
        guard let geometry = work.geometry else { return nil }
        let array = timing.config.array
        let isGemm: Bool = { if case .gemm(let gemm) = work { return !gemm.depthwise } else { return false } }()
        let onArray: Bool = { if case .gemm = work { return true } else { return false } }()
        let groupGeometry: (outputs: Int, inputs: Int) = {
            if case .gemm(let gemm) = work { return (gemm.groupOutputChannels, gemm.groupInputChannels) }
            return (geometry.outputChannels, geometry.inputChannels)
        }()
        let outputChannels = candidates(groupGeometry.outputs, multiple: onArray ? array.po : 1, limit: 16)
        let inputChannels = isGemm ? candidates(groupGeometry.inputs, multiple: work.kernelFold == nil ? array.pi : 1, limit: 16) : [0]
        let rows = candidates(geometry.outputHeight, multiple: 1, limit: 20)
        let columns = candidates(geometry.outputWidth, multiple: 1, limit: 8)
        let model = TileCostModel(work: work, geometry: geometry, timing: timing, budget: budget, rows: rows, columns: columns)
        var feasible: [(tile: TileShape, estimate: TileEstimate)] = []
        for order in isGemm ? TileShape.Order.allCases : [.pixelsOuter] {
            for m in outputChannels {
                for c in inputChannels {
                    for r in rows {
                        for w in columns {
                            let tile = TileShape(outputChannels: m, inputChannels: isGemm ? c : m, rows: r, columns: w, order: order)
                            guard let estimate = model.estimate(tile) else { continue }
                            feasible.append((tile, estimate))
                        }
                    }
                }
            }
        }
        guard let fastest = feasible.map(\.estimate.cycles).min() else { return nil }
        let limit = Double(fastest) * (1 + cycleTolerance)
        return feasible.filter { Double($0.estimate.cycles) <= limit }.min { a, b in
            (a.estimate.dramBytes, a.estimate.cycles, a.estimate.instructions) < (b.estimate.dramBytes, b.estimate.cycles, b.estimate.instructions)
        }
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
