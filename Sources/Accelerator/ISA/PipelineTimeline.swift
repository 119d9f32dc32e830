/// When each instruction of a stream runs on the accelerator model of docs/ISA.md ("Timing"):
/// fetch dispatches the instructions in order as their words arrive (`TimingModel.dispatchCycles`);
/// each unit runs its
/// instructions in order, starting each when it is dispatched, the unit is free, and every token it
/// pops has been pushed (the k-th pop of a queue takes the k-th push); tokens are pushed when the
/// instruction ends. The compiler uses it for modeled cycles and to refuse streams that deadlock;
/// the runtime uses the same timeline for its cycle counts.
public struct PipelineTimeline: Hashable, Sendable {
    /// One instruction's place in time.
    public struct Event: Hashable, Sendable {
        /// Cycle the instruction starts.
        public var start: Int
        /// Cycle it ends (`start + cycles`).
        public var end: Int
        /// Cycles it waited for a token after its unit was free and it was dispatched.
        public var stall: Int
        /// The queue it waited on longest, when `stall > 0`.
        public var stallQueue: TokenQueue?
    }

    /// One event per instruction, in stream order.
    public var events: [Event]
    /// Cycle the last unit finishes.
    public var totalCycles: Int

    /// Schedules `instructions`. Throws `AcceleratorError.deadlock` naming the first instruction that
    /// can never start (with its layer from `layerNames`), `AcceleratorError.illegalDependency` for a
    /// token bit toward a missing neighbour, and `AcceleratorError.malformedStream` for instructions
    /// after `END` or a stream without one.
    ///
    /// Fetch shares the DRAM read channel with the load unit, which has it first: the cycles in which
    /// `LOAD`s request their words delay the fetch of the instructions behind them, and those
    /// delays move the `LOAD`s. The timeline is scheduled again with the `LOAD`s' request cycles of
    /// the previous schedule until they no longer change (at most `contentionRounds` times).
    public static func schedule(_ instructions: [Instruction], timing: TimingModel,
                                layerNames: [String] = []) throws -> PipelineTimeline {
        var loadRequests: [Range<Int>] = []
        var timeline: PipelineTimeline
        var round = 0
        repeat {
            var scheduler = try Scheduler(instructions: instructions, timing: timing,
                                          dispatch: timing.dispatchCycles(count: instructions.count, readChannelBusy: loadRequests))
            try scheduler.run(layerNames: layerNames)
            timeline = PipelineTimeline(events: scheduler.events.map { $0! }, totalCycles: scheduler.totalCycles)
            let previous = loadRequests
            loadRequests = timeline.loadRequestCycles(instructions, timing: timing)
            round += 1
            if loadRequests == previous { break }
        } while round < contentionRounds
        return timeline
    }

    /// The most times `schedule` reschedules a stream for the read channel's contention.
    public static let contentionRounds = 8

    /// The cycles in which the `LOAD`s of `instructions`, placed by this timeline, request DRAM
    /// words, in time order: after their setup, one request per transfer cycle.
    func loadRequestCycles(_ instructions: [Instruction], timing: TimingModel) -> [Range<Int>] {
        zip(instructions, events).compactMap { instruction, event in
            guard case .load(let load) = instruction, load.dramBytes > 0 else { return nil }
            let first = event.start + timing.config.costs.dmaSetupCycles
            return first..<(first + timing.transferCycles(timing.busBytes * load.dramRows.busWords(busBytes: timing.busBytes)))
        }
    }
}

/// The event loop behind `PipelineTimeline.schedule`.
private struct Scheduler {
    let instructions: [Instruction]
    let timing: TimingModel
    /// The first cycle each instruction can start, from fetch and dispatch.
    let dispatch: [Int]
    /// Stream indices of each unit's instructions, in order.
    var queues: [[Int]] = Array(repeating: [], count: ExecutionUnit.allCases.count)
    var next = Array(repeating: 0, count: ExecutionUnit.allCases.count)
    var unitFree = Array(repeating: 0, count: ExecutionUnit.allCases.count)
    var pushTimes: [[Int]] = Array(repeating: [], count: TokenQueue.allCases.count)
    var popCounts = Array(repeating: 0, count: TokenQueue.allCases.count)
    var events: [PipelineTimeline.Event?]
    var popped: [[TokenQueue]] = []
    var pushed: [[TokenQueue]] = []
    var totalCycles = 0

    init(instructions: [Instruction], timing: TimingModel, dispatch: [Int]) throws {
        self.instructions = instructions
        self.timing = timing
        self.dispatch = dispatch
        events = Array(repeating: nil, count: instructions.count)
        guard let endIndex = instructions.firstIndex(where: { if case .end = $0 { return true } else { return false } }) else {
            throw AcceleratorError.malformedStream(reason: "the stream has no END instruction")
        }
        guard endIndex == instructions.count - 1 else {
            throw AcceleratorError.malformedStream(reason: "instruction \(endIndex + 1) follows END")
        }
        for (index, instruction) in instructions.enumerated() {
            popped.append(try instruction.poppedQueues(index: index))
            pushed.append(try instruction.pushedQueues(index: index))
            if let unit = instruction.unit { queues[unit.rawValue].append(index) }
        }
        let stop = dispatch[endIndex] + timing.cycles(instructions[endIndex])
        events[endIndex] = PipelineTimeline.Event(start: dispatch[endIndex], end: stop, stall: 0, stallQueue: nil)
        totalCycles = stop
    }

    mutating func run(layerNames: [String]) throws {
        var progress = true
        while progress {
            progress = false
            for unit in ExecutionUnit.allCases {
                while advance(unit) { progress = true }
            }
        }
        try checkFinished(layerNames: layerNames)
    }

    /// Runs the unit's next instruction if its tokens are there.
    private mutating func advance(_ unit: ExecutionUnit) -> Bool {
        let u = unit.rawValue
        guard next[u] < queues[u].count else { return false }
        let index = queues[u][next[u]]
        let pops = popped[index]
        var counts = popCounts
        var tokenTimes: [(TokenQueue, Int)] = []
        for queue in pops {
            guard pushTimes[queue.rawValue].count > counts[queue.rawValue] else { return false }
            tokenTimes.append((queue, pushTimes[queue.rawValue][counts[queue.rawValue]]))
            counts[queue.rawValue] += 1
        }
        popCounts = counts
        let ready = max(dispatch[index], unitFree[u])
        let latest = tokenTimes.max { $0.1 < $1.1 }
        let start = max(ready, latest?.1 ?? 0)
        let end = start + timing.cycles(instructions[index])
        events[index] = PipelineTimeline.Event(start: start, end: end, stall: start - ready,
                                               stallQueue: start > ready ? latest?.0 : nil)
        for queue in pushed[index] { pushTimes[queue.rawValue].append(end) }
        unitFree[u] = end
        totalCycles = max(totalCycles, end)
        next[u] += 1
        return true
    }

    private func checkFinished(layerNames: [String]) throws {
        let stuck = ExecutionUnit.allCases.compactMap { unit -> Int? in
            next[unit.rawValue] < queues[unit.rawValue].count ? queues[unit.rawValue][next[unit.rawValue]] : nil
        }
        guard let first = stuck.min() else { return }
        let instruction = instructions[first]
        let waiting = popped[first].first { queue in
            pushTimes[queue.rawValue].count <= popCounts[queue.rawValue]
        }
        throw AcceleratorError.deadlock(instruction: first, mnemonic: instruction.mnemonic, layer: instruction.layerName(in: layerNames),
                                    queue: waiting?.name ?? "?")
    }
}
