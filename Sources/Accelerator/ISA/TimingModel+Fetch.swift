/// Fetch and dispatch (docs/ISA.md, "Timing"): fetch reads the 64-byte instructions in order through
/// the DRAM read channel, `channelBytesPerCycle` a cycle from cycle 1 (the words of one instruction at
/// a time, one a memory port), at most `fetchWindow` instructions ahead
/// of dispatch; an instruction is dispatched the cycle after its last word arrives, at least
/// `costs.issueCycles` after the one before it, and its unit can start it the cycle after that.
extension TimingModel {
    /// Instructions fetch may have requested and not yet dispatched.
    public static let fetchWindow = 8

    /// The first cycle each of `count` instructions can start on its unit, in stream order, when the
    /// load unit has the read channel in the `readChannelBusy` cycles (ranges in time order).
    public func dispatchCycles(count: Int, readChannelBusy: [Range<Int>] = []) -> [Int] {
        let words = transferCycles(Instruction.encodedBytes)
        let latency = config.dram.latencyCycles, issue = config.costs.issueCycles
        var channel = ReadChannel(busy: readChannelBusy)
        var dispatched: [Int] = []
        dispatched.reserveCapacity(count)
        var requested = 1
        for index in 0..<count {
            let windowOpens = index >= Self.fetchWindow ? dispatched[index - Self.fetchWindow] : 0
            requested = channel.end(ofFreeCycles: words, from: max(requested, windowOpens))
            let popped = max(requested + latency, (dispatched.last ?? -issue) + issue - 1)
            dispatched.append(popped + 1)
        }
        return dispatched
    }

    /// Cycles per instruction fetch sustains on a long stream: its words, at least `issueCycles`, and
    /// `fetchWindow` instructions per round trip through the DRAM latency.
    public var fetchCyclesPerInstruction: Int {
        let words = transferCycles(Instruction.encodedBytes)
        let roundTrip = words + config.dram.latencyCycles + 1
        return max(config.costs.issueCycles, words, (roundTrip + Self.fetchWindow - 1) / Self.fetchWindow)
    }
}

/// The read channel's cycles as fetch sees them: the ones the load unit takes (`busy`) and the
/// others, walked forward in time.
private struct ReadChannel {
    let busy: [Range<Int>]
    /// The first busy range that may still lie ahead.
    var next = 0

    /// The cycle after the last of `cycles` cycles free for fetch from `start` on.
    mutating func end(ofFreeCycles cycles: Int, from start: Int) -> Int {
        var cycle = start, remaining = cycles
        while remaining > 0 {
            while next < busy.count && busy[next].upperBound <= cycle { next += 1 }
            if next < busy.count && busy[next].lowerBound <= cycle {
                cycle = busy[next].upperBound
                continue
            }
            let used = next < busy.count ? min(remaining, busy[next].lowerBound - cycle) : remaining
            cycle += used
            remaining -= used
        }
        return cycle
    }
}

