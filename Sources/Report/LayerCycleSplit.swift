import Accelerator
import Runtime


/// The cycles a layer added to the run (`AcceleratorRun.layerCycles`), split by what the compute
/// unit did during them: busy running an instruction, waiting for a token from the load or store
/// unit (DMA-bound), or neither (stalls of other kinds: waiting for fetch to dispatch, pipeline fill,
/// and draining stores with no compute work left).
///
/// A layer's cycles are the window from the latest end of the layers before it to its own last end;
/// the windows of successive layers follow one another from cycle 0. The compute unit's busy and
/// waiting intervals, from any layer's instructions, are counted where they fall inside the window.
public struct LayerCycleSplit: Hashable, Sendable {
    /// Cycles the compute unit ran an instruction.
    public var computeBusy: Int
    /// Cycles the compute unit, with an instruction dispatched and nothing running, waited for a
    /// load→compute or store→compute token.
    public var dmaBound: Int
    /// The rest of the window.
    public var otherStalls: Int

    public init(computeBusy: Int, dmaBound: Int, otherStalls: Int) {
        self.computeBusy = computeBusy
        self.dmaBound = dmaBound
        self.otherStalls = otherStalls
    }

    /// The layer's cycles.
    public var total: Int { computeBusy + dmaBound + otherStalls }

    /// One split per layer of `program`, from the timeline of its run and the cycles each layer added.
    public static func splits(program: AcceleratorProgram, timeline: PipelineTimeline, layerCycles: [Int]) -> [LayerCycleSplit] {
        var windows: [Range<Int>] = []
        var start = 0
        for cycles in layerCycles {
            windows.append(start..<(start + cycles))
            start += cycles
        }
        var busy = Array(repeating: 0, count: windows.count)
        var waiting = Array(repeating: 0, count: windows.count)
        var first = 0
        for (index, instruction) in program.instructions.enumerated() where instruction.unit == .compute {
            let event = timeline.events[index]
            // The compute unit runs in order, so its intervals come in time order.
            while first < windows.count && windows[first].upperBound <= event.start - event.stall { first += 1 }
            if let queue = event.stallQueue, event.stall > 0, queue.source != .compute {
                add((event.start - event.stall)..<event.start, to: &waiting, windows: windows, from: first)
            }
            add(event.start..<event.end, to: &busy, windows: windows, from: first)
        }
        return windows.indices.map { index in
            LayerCycleSplit(computeBusy: busy[index], dmaBound: waiting[index],
                            otherStalls: windows[index].count - busy[index] - waiting[index])
        }
    }

    /// Adds the overlap of `interval` with each window, from window `first` on, to `totals`.
    private static func add(_ interval: Range<Int>, to totals: inout [Int], windows: [Range<Int>], from first: Int) {
        var index = first
        while index < windows.count && windows[index].lowerBound < interval.upperBound {
            let overlap = interval.clamped(to: windows[index])
            totals[index] += overlap.count
            index += 1
        }
    }
}
