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
        let stream = try ScheduledStream(instructions)
        var loadRequests: [Range<Int>] = []
        var timeline = PipelineTimeline(events: [], totalCycles: 0)
        var round = 0
        repeat {
            // Each round writes its events over the previous round's, in the same array.
            var scheduler = Scheduler(stream: stream, timing: timing, reusing: &timeline.events,
                                      dispatch: timing.dispatchCycles(count: instructions.count, readChannelBusy: loadRequests))
            try scheduler.run(layerNames: layerNames)
            timeline = scheduler.timeline()
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

/// What every round of `PipelineTimeline.schedule` reads of a stream, found once: each
/// instruction's token queues as bits (one byte each for its pops and its pushes, where arrays of
/// queues took a heap block per instruction) and each unit's instructions in order.
private struct ScheduledStream {
    let instructions: [Instruction]
    /// Stream indices of each unit's instructions, in order.
    let queues: [[Int]]
    /// The queues each instruction pops before it starts.
    let popped: [QueueSet]
    /// The queues each instruction pushes into when it ends.
    let pushed: [QueueSet]
    /// The index of the stream's `END`, its last instruction.
    let endIndex: Int

    init(_ instructions: [Instruction]) throws {
        guard let endIndex = instructions.firstIndex(where: { if case .end = $0 { return true } else { return false } }) else {
            throw AcceleratorError.malformedStream(reason: "the stream has no END instruction")
        }
        guard endIndex == instructions.count - 1 else {
            throw AcceleratorError.malformedStream(reason: "instruction \(endIndex + 1) follows END")
        }
        var queues: [[Int]] = Array(repeating: [], count: ExecutionUnit.allCases.count)
        var popped: [QueueSet] = [], pushed: [QueueSet] = []
        popped.reserveCapacity(instructions.count)
        pushed.reserveCapacity(instructions.count)
        for (index, instruction) in instructions.enumerated() {
            popped.append(QueueSet(try instruction.poppedQueues(index: index)))
            pushed.append(QueueSet(try instruction.pushedQueues(index: index)))
            if let unit = instruction.unit { queues[unit.rawValue].append(index) }
        }
        self.instructions = instructions
        self.queues = queues
        self.popped = popped
        self.pushed = pushed
        self.endIndex = endIndex
    }
}

/// A set of token queues, one bit each (bit `rawValue`).
private struct QueueSet {
    private let bits: UInt8

    init(_ queues: [TokenQueue]) {
        bits = queues.reduce(0) { $0 | 1 << UInt8($1.rawValue) }
    }

    func contains(_ queue: TokenQueue) -> Bool { bits & 1 << UInt8(queue.rawValue) != 0 }
}

/// The event loop behind `PipelineTimeline.schedule`: one round over the stream.
private struct Scheduler {
    let stream: ScheduledStream
    let timing: TimingModel
    /// The first cycle each instruction can start, from fetch and dispatch.
    let dispatch: [Int]
    var next = Array(repeating: 0, count: ExecutionUnit.allCases.count)
    var unitFree = Array(repeating: 0, count: ExecutionUnit.allCases.count)
    var pushTimes: [[Int]] = Array(repeating: [], count: TokenQueue.allCases.count)
    var popCounts = Array(repeating: 0, count: TokenQueue.allCases.count)
    /// One event per instruction, each written when the instruction is placed (every one is by a
    /// run that does not deadlock); a previous round's array is reused as it is.
    var events: [PipelineTimeline.Event]
    var totalCycles = 0

    /// A round that takes over `previous`, the events of the round before (or an empty array),
    /// and leaves it empty.
    init(stream: ScheduledStream, timing: TimingModel, reusing previous: inout [PipelineTimeline.Event], dispatch: [Int]) {
        self.stream = stream
        self.timing = timing
        self.dispatch = dispatch
        events = []
        swap(&events, &previous)
        let count = stream.instructions.count
        if events.count != count {
            events = Array(repeating: PipelineTimeline.Event(start: 0, end: 0, stall: 0, stallQueue: nil), count: count)
        }
        let endIndex = stream.endIndex
        let stop = dispatch[endIndex] + timing.cycles(stream.instructions[endIndex])
        events[endIndex] = PipelineTimeline.Event(start: dispatch[endIndex], end: stop, stall: 0, stallQueue: nil)
        totalCycles = stop
    }

    /// The timeline this round placed; the scheduler gives up its events.
    mutating func timeline() -> PipelineTimeline {
        var placed: [PipelineTimeline.Event] = []
        swap(&placed, &events)
        return PipelineTimeline(events: placed, totalCycles: totalCycles)
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
        guard next[u] < stream.queues[u].count else { return false }
        let index = stream.queues[u][next[u]]
        let pops = stream.popped[index]
        // The latest token the pops take, the first in `rawValue` order on a tie: the order of
        // `Instruction.poppedQueues` (only compute pops two queues, load→compute before
        // store→compute).
        var latest: (queue: TokenQueue, time: Int)?
        for queue in TokenQueue.allCases where pops.contains(queue) {
            let times = pushTimes[queue.rawValue], taken = popCounts[queue.rawValue]
            guard times.count > taken else { return false }
            if latest.map({ times[taken] > $0.time }) ?? true { latest = (queue, times[taken]) }
        }
        for queue in TokenQueue.allCases where pops.contains(queue) { popCounts[queue.rawValue] += 1 }
        let ready = max(dispatch[index], unitFree[u])
        let start = max(ready, latest?.time ?? 0)
        let end = start + timing.cycles(stream.instructions[index])
        events[index] = PipelineTimeline.Event(start: start, end: end, stall: start - ready,
                                               stallQueue: start > ready ? latest?.queue : nil)
        for queue in TokenQueue.allCases where stream.pushed[index].contains(queue) { pushTimes[queue.rawValue].append(end) }
        unitFree[u] = end
        totalCycles = max(totalCycles, end)
        next[u] += 1
        return true
    }

    private func checkFinished(layerNames: [String]) throws {
        let stuck = ExecutionUnit.allCases.compactMap { unit -> Int? in
            next[unit.rawValue] < stream.queues[unit.rawValue].count ? stream.queues[unit.rawValue][next[unit.rawValue]] : nil
        }
        guard let first = stuck.min() else { return }
        let instruction = stream.instructions[first]
        let waiting = TokenQueue.allCases.first { queue in
            stream.popped[first].contains(queue) && pushTimes[queue.rawValue].count <= popCounts[queue.rawValue]
        }
        throw AcceleratorError.deadlock(instruction: first, mnemonic: instruction.mnemonic, layer: instruction.layerName(in: layerNames),
                                    queue: waiting?.name ?? "?")
    }
}
