import Foundation
import Accelerator

/// What the compiles of one quantized graph for many configs (a design-space sweep) reuse: the tile
/// search's tables (`TileCandidates`) and the instructions already found to encode. A layer's table
/// depends on the PE array, the DRAM interface, the instruction costs and the residence of its
/// input and output, so configs that differ only in buffer bytes (up to `largestBuffers`) share
/// it, and each compile only picks from it; whether an instruction encodes depends on its fields
/// alone. Keyed by layer index: one memo serves one graph. Safe to share between threads.
public final class BackendMemo: @unchecked Sendable {
    private struct Key: Hashable {
        var layer: Int
        var array: PEArray
        var dram: DRAMInterface
        var costs: InstructionCosts
        var residentInputs: Int
        var outputResident: Bool
    }

    /// Bytes of the largest buffer of each role any config asked about may have, in
    /// `SRAMBuffer.Role.allCases` order.
    private let largest: [Int]
    private let lock = NSLock()
    private var tables: [Key: TileCandidates?] = [:]
    private var encodable: Set<Instruction> = []

    /// A memo for configs whose buffers are at most `largestBuffers` (one per role).
    public init(largestBuffers: [SRAMBuffer]) {
        largest = SRAMBuffer.Role.allCases.map { role in largestBuffers.filter { $0.role == role }.map(\.bytes).max() ?? 0 }
    }

    /// Tables built so far.
    public var tableCount: Int { lock.withLock { tables.count } }

    /// `TileSearch.best` for layer `index` of the memo's graph, from its table.
    func best(layer index: Int, work: LayerWork, timing: TimingModel, budget: LayerBudget) -> (tile: TileShape, estimate: TileEstimate)? {
        let config = timing.config
        precondition(zip([budget.inputBytes, budget.weightBytes, budget.accumulatorBytes, budget.outputBytes], largest).allSatisfy { $0 <= $1 },
                     "config '\(config.name)' has a buffer larger than the tile-search memo was made for")
        let key = Key(layer: index, array: config.array, dram: config.dram, costs: config.costs,
                      residentInputs: budget.residentInputs, outputResident: budget.outputResident)
        let table = lock.withLock { tables[key] } ?? {
            var limit = budget
            (limit.inputBytes, limit.weightBytes, limit.accumulatorBytes, limit.outputBytes) = (largest[0], largest[1], largest[2], largest[3])
            let built = TileCandidates(work: work, timing: timing, limit: limit)
            lock.withLock { tables[key] = built }
            return built
        }()
        return table?.best(fitting: budget)
    }

    /// Checks that `instruction` encodes (every field fits its width), once per distinct
    /// instruction; throws what `Instruction.encoded()` throws.
    func checkEncodes(_ instruction: Instruction) throws {
        guard !lock.withLock({ encodable.contains(instruction) }) else { return }
        _ = try instruction.encoded()
        lock.withLock { _ = encodable.insert(instruction) }
    }
}
