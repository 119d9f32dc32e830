import Accelerator

/// Every tiling `TileSearch` ranks for one layer, each estimated once. A tiling's estimate and the
/// SRAM its slots take depend on the timing and on whether the layer's input and output stay on
/// chip, not on the buffers' bytes: one table answers the search for every budget that differs only
/// in bytes (a design-space sweep keeps the tables in a `BackendMemo`).
struct TileCandidates: Sendable {
    /// One tiling: its estimate, the bytes it takes in each buffer and its position in the search's
    /// enumeration (order, output channels, input channels, rows, columns), which breaks ties.
    struct Entry: Sendable {
        var cycles: Int
        var dramBytes: Int
        var instructions: Int
        var position: Int
        var input: Int32
        var weight: Int32
        var accumulator: Int32
        var output: Int32
    }

    private let orders: [TileShape.Order]
    private let outputChannels: [Int]
    private let inputChannels: [Int]
    private let rows: [Int]
    private let columns: [Int]
    private let sumsInputChannels: Bool
    /// The tilings that fit `limit`, fewest cycles first, then in enumeration order.
    private let entries: [Entry]

    /// The tilings of `work` that fit `limit` (the largest budget the table will be asked about;
    /// its residence and element widths hold for every later budget); `nil` for a layer without a
    /// geometry.
    init?(work: LayerWork, timing: TimingModel, limit: LayerBudget) {
        guard let geometry = work.geometry else { return nil }
        let array = timing.config.array
        sumsInputChannels = { if case .gemm(let gemm) = work { return !gemm.depthwise } else { return false } }()
        let onArray: Bool = { if case .gemm = work { return true } else { return false } }()
        // A depthwise convolution's channel tiles read their own planes, so the outputs-outer order
        // loads each tile's weights and parameters once without re-reading the input.
        let depthwiseConvolution: Bool = { if case .gemm(let gemm) = work { return gemm.isDepthwiseConvolution } else { return false } }()
        orders = sumsInputChannels || depthwiseConvolution ? TileShape.Order.allCases : [.pixelsOuter]
        let groupChannels: (outputs: Int, inputs: Int) = {
            if case .gemm(let gemm) = work { return (gemm.groupOutputChannels, gemm.groupInputChannels) }
            return (geometry.outputChannels, geometry.inputChannels)
        }()
        outputChannels = TileSearch.candidates(groupChannels.outputs, multiple: onArray ? array.po : 1, limit: 16)
        inputChannels = sumsInputChannels
            ? TileSearch.candidates(groupChannels.inputs, multiple: work.kernelFold == nil ? array.denseInputLanes(taps: geometry.windowTaps) : 1, limit: 16) : [0]
        rows = TileSearch.candidates(geometry.outputHeight, multiple: 1, limit: 20)
        columns = TileSearch.candidates(geometry.outputWidth, multiple: 1, limit: 8)
        let model = TileCostModel(work: work, geometry: geometry, timing: timing, budget: limit, rows: rows, columns: columns)
        var entries: [Entry] = []
        let count = orders.count * outputChannels.count * inputChannels.count * rows.count * columns.count
        for position in 0..<count {
            let tile = Self.tile(at: position, orders, outputChannels, inputChannels, rows, columns, sumsInputChannels)
            guard model.admits(tile) else { continue }
            let footprint = TileFootprint(work: work, tile: tile, budget: limit)
            guard footprint.fits(limit) else { continue }
            let estimate = model.estimate(tile, footprint: footprint)
            entries.append(Entry(cycles: estimate.cycles, dramBytes: estimate.dramBytes, instructions: estimate.instructions,
                                 position: position, input: Int32(clamping: footprint.inputBytes), weight: Int32(clamping: footprint.weightBytes),
                                 accumulator: Int32(clamping: footprint.accumulatorBytes), output: Int32(clamping: footprint.outputBytes)))
        }
        self.entries = entries.sorted { ($0.cycles, $0.position) < ($1.cycles, $1.position) }
    }

    /// `TileSearch`'s choice under `budget` (no more bytes than the table's limit): among the
    /// tilings that fit and come within `TileSearch.cycleTolerance` of the fewest cycles, the fewest
    /// DRAM bytes, then cycles, then instructions, then the earliest enumerated; `nil` when none fits.
    func best(fitting budget: LayerBudget) -> (tile: TileShape, estimate: TileEstimate)? {
        guard let first = entries.firstIndex(where: { fits($0, budget) }) else { return nil }
        let limit = Double(entries[first].cycles) * (1 + TileSearch.cycleTolerance)
        var winner = entries[first]
        for entry in entries[(first + 1)...] {
            guard Double(entry.cycles) <= limit else { break }
            if fits(entry, budget), (entry.dramBytes, entry.cycles, entry.instructions, entry.position)
                < (winner.dramBytes, winner.cycles, winner.instructions, winner.position) {
                winner = entry
            }
        }
        let tile = Self.tile(at: winner.position, orders, outputChannels, inputChannels, rows, columns, sumsInputChannels)
        return (tile, TileEstimate(cycles: winner.cycles, dramBytes: winner.dramBytes, instructions: winner.instructions))
    }

    private func fits(_ entry: Entry, _ budget: LayerBudget) -> Bool {
        Int(entry.input) <= budget.inputBytes && Int(entry.weight) <= budget.weightBytes
            && Int(entry.accumulator) <= budget.accumulatorBytes && Int(entry.output) <= budget.outputBytes
    }

    /// The tiling at `position` of the enumeration: orders outermost, columns innermost.
    private static func tile(at position: Int, _ orders: [TileShape.Order], _ outputChannels: [Int], _ inputChannels: [Int],
                             _ rows: [Int], _ columns: [Int], _ sumsInputChannels: Bool) -> TileShape {
        var rest = position
        func next(_ sizes: [Int]) -> Int {
            defer { rest /= sizes.count }
            return sizes[rest % sizes.count]
        }
        let w = next(columns), r = next(rows), c = next(inputChannels), m = next(outputChannels)
        return TileShape(outputChannels: m, inputChannels: sumsInputChannels ? c : m, rows: r, columns: w, order: orders[rest])
    }
}
