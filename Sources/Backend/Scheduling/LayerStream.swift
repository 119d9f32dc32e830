import Accelerator

/// Records one layer's steps — the loads each step needs, its compute instructions, the store of
/// the output tile it finishes — and turns them into instructions with the double-buffering token
/// protocol of docs/ISA.md ("Dependency tokens"):
///
/// - A load into a slot whose previous occupant is still needed pops compute→load; compute pushes
///   the k-th such token after the step that last reads the k-th overwritten tile (or later, so the
///   tokens stay in order). `SYNC`s carry extra pushes when one step frees several slots.
/// - The last load of a step pushes load→compute; the step's first compute instruction pops it.
/// - The instruction that writes output slot `j` pops store→compute when `j ≥ 2` (the store of
///   tile `j − 2` has drained the slot) and pushes compute→store; its `STORE` pops that token and
///   pushes store→compute.
/// - Between layers, compute pops the outstanding store tokens and pushes one compute→load token;
///   the next layer's load-unit `SYNC` pops it: a barrier, so the next layer's loads see every
///   store and overwrite no slot still in use.
/// - Prefetch: the first step's loads of constants (weights, parameter records, a table: bytes of
///   the constant image) go before that `SYNC` when the layer's weight-buffer slots are clear of the
///   previous layer's (`SRAMAllocationPass` places them at the other end of the buffer), so they
///   overlap the previous layer's work: they read nothing a layer writes and overwrite nothing it
///   reads. The step's last load after the `SYNC` (or, when all its loads are constants, its last
///   prefetched one) pushes the load→compute token.
struct LayerStream {
    /// What a slot holds.
    enum SlotKind: Int, CaseIterable {
        case input, weights, parameters, table
    }

    private struct PendingLoad {
        var load: LoadInstruction
        /// The step that last reads the tile this load overwrites.
        var overwritesAfterStep: Int?
    }

    /// A step's loads and compute instructions, as ranges of the layer's (one array of each kind
    /// for the whole layer: a layer of 100,000 steps holds no 200,000 small arrays), and its store.
    private struct Step {
        var loads: Range<Int>
        var compute: Range<Int>
        var store: StoreInstruction?
    }

    /// Which tile each slot of one kind holds.
    private struct SlotTracker {
        var keys: [[Int]?] = [nil, nil]
        var lastUse = [0, 0]
        var current: Int?
    }

    let layer: Int
    private var steps: [Step] = []
    private var loads: [PendingLoad] = []
    private var computes: [Instruction] = []
    private var trackers = Array(repeating: SlotTracker(), count: SlotKind.allCases.count)
    /// Output tiles that went through an output slot so far.
    private(set) var storedTiles = 0

    init(layer: Int) {
        self.layer = layer
    }

    /// Starts the next step.
    mutating func beginStep() {
        steps.append(Step(loads: loads.count..<loads.count, compute: computes.count..<computes.count))
    }

    /// The address of the slot that holds tile `key` of `kind` for the current step, loading it
    /// (with `load`, given the slot address) into the other slot when it is not already there.
    mutating func slot(_ kind: SlotKind, key: [Int], addresses: [Int], load: (Int) -> LoadInstruction) -> Int {
        slot(kind, key: key, addresses: addresses, loads: { [load($0)] })
    }

    /// As `slot(_:key:addresses:load:)`, for a tile that several loads write (the planes of a folded
    /// kernel): the first waits for the slot to be free, the others follow it on the load unit.
    mutating func slot(_ kind: SlotKind, key: [Int], addresses: [Int], loads: (Int) -> [LoadInstruction]) -> Int {
        let step = steps.count - 1
        var tracker = trackers[kind.rawValue]
        defer { trackers[kind.rawValue] = tracker }
        if let current = tracker.current, tracker.keys[current] == key {
            tracker.lastUse[current] = step
            return addresses[current]
        }
        let target = tracker.current.map { addresses.count > 1 ? 1 - $0 : 0 } ?? 0
        let waits = tracker.keys[target] != nil ? tracker.lastUse[target] : nil
        for (position, load) in loads(addresses[target]).enumerated() {
            append(PendingLoad(load: load, overwritesAfterStep: position == 0 ? waits : nil))
        }
        tracker.keys[target] = key
        tracker.lastUse[target] = step
        tracker.current = target
        return addresses[target]
    }

    /// A load of the current step that overwrites nothing in use (a fill of a fresh region).
    mutating func preload(_ load: LoadInstruction) {
        append(PendingLoad(load: load, overwritesAfterStep: nil))
    }

    /// A compute instruction of the current step.
    mutating func compute(_ instruction: Instruction) {
        computes.append(instruction)
        steps[steps.count - 1].compute = steps[steps.count - 1].compute.lowerBound..<computes.count
    }

    /// A load of the current step.
    private mutating func append(_ load: PendingLoad) {
        loads.append(load)
        steps[steps.count - 1].loads = steps[steps.count - 1].loads.lowerBound..<loads.count
    }

    /// The output slot address for the next stored tile.
    func outputSlot(_ addresses: [Int]) -> Int {
        addresses[storedTiles % addresses.count]
    }

    /// The instruction that writes the current step's output tile into an output slot, and the
    /// store that drains it.
    mutating func output(_ instruction: Instruction, store: StoreInstruction) {
        compute(instruction)
        steps[steps.count - 1].store = store
        storedTiles += 1
    }

    /// How many instructions `append(to:afterLayer:beforeLayer:)` appends.
    func instructionCount(afterLayer: Bool, beforeLayer: Bool) -> Int {
        let stores = steps.count { $0.store != nil }
        let syncs = freeTokenPushes().reduce(0) { $0 + max(0, $1 - 1) }
        return (afterLayer ? 1 : 0) + loads.count + computes.count + syncs + stores + (beforeLayer ? max(1, min(stores, 2)) : 0)
    }

    /// Appends the layer's instructions with their tokens to `result`. `afterLayer`: a layer ran
    /// before, so start with the barrier's load-unit `SYNC`, after the first step's loads from
    /// `prefetchable` bytes of DRAM (the constant image; empty when the layer's weight-buffer slots
    /// may hold the previous layer's); `beforeLayer`: one follows, so end with the compute side of
    /// the barrier.
    func append(to result: inout [Instruction], afterLayer: Bool, beforeLayer: Bool, prefetchable: Range<Int> = 0..<0) {
        let pushes = freeTokenPushes()
        let early = afterLayer ? prefetched(from: prefetchable) : []
        if afterLayer {
            for (order, position) in early.enumerated() {
                let pushes = order == early.count - 1 && early.count == steps.first?.loads.count
                result.append(.load(with(loads[position].load, DependencyFlags(pushNext: pushes))))
            }
            result.append(.sync(SyncInstruction(dependencies: DependencyFlags(popNext: true), layer: layer, unit: .load)))
        }
        var stored = 0
        for (index, step) in steps.enumerated() {
            let late = index == 0 ? step.loads.filter { !early.contains($0) } : Array(step.loads)
            for (order, position) in late.enumerated() {
                let pending = loads[position]
                let flags = DependencyFlags(popNext: pending.overwritesAfterStep != nil, pushNext: order == late.count - 1)
                result.append(.load(with(pending.load, flags)))
            }
            for position in step.compute {
                var instruction = computes[position]
                let isLast = position == step.compute.upperBound - 1
                instruction.dependencies = DependencyFlags(
                    popPrevious: position == step.compute.lowerBound && !step.loads.isEmpty,
                    popNext: isLast && step.store != nil && stored >= 2,
                    pushPrevious: isLast && pushes[index] > 0,
                    pushNext: isLast && step.store != nil)
                result.append(instruction)
            }
            for _ in 1..<max(1, pushes[index]) { result.append(computeSync(DependencyFlags(pushPrevious: true))) }
            if var store = step.store {
                store.dependencies = DependencyFlags(popPrevious: true, pushPrevious: true)
                result.append(.store(store))
                stored += 1
            }
        }
        if beforeLayer {
            let outstanding = min(stored, 2)
            if outstanding == 0 { result.append(computeSync(DependencyFlags(pushPrevious: true))) }
            for token in 0..<outstanding {
                result.append(computeSync(DependencyFlags(popNext: true, pushPrevious: token == outstanding - 1)))
            }
        }
    }

    /// The first step's loads that only read `constants` and write the weight buffer, in order.
    private func prefetched(from constants: Range<Int>) -> [Int] {
        guard let first = steps.first, !constants.isEmpty else { return [] }
        return first.loads.filter { position in
            let load = loads[position].load
            let read = Instruction.load(load).memoryAccesses.first { $0.space == .dram }?.bytes ?? 0..<0
            return load.buffer == .weight && loads[position].overwritesAfterStep == nil
                && constants.lowerBound <= read.lowerBound && read.upperBound <= constants.upperBound
        }
    }

    private func with(_ load: LoadInstruction, _ dependencies: DependencyFlags) -> LoadInstruction {
        var load = load
        load.dependencies = dependencies
        return load
    }

    /// How many compute→load tokens compute pushes after each step: the k-th overwriting load
    /// needs the k-th token, pushed after the latest step any of the first k overwritten tiles is
    /// read in.
    private func freeTokenPushes() -> [Int] {
        var pushes = Array(repeating: 0, count: steps.count)
        var latest = -1
        for load in loads {
            guard let after = load.overwritesAfterStep else { continue }
            latest = max(latest, after)
            pushes[latest] += 1
        }
        return pushes
    }

    private func computeSync(_ dependencies: DependencyFlags) -> Instruction {
        .sync(SyncInstruction(dependencies: dependencies, layer: layer, unit: .compute))
    }
}
