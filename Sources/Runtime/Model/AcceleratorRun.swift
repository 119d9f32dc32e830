import Accelerator


/// The result of running a program on the accelerator model: the stored output values, what the
/// hardware would have spent, and the timeline behind the cycle counts (for traces).
public struct AcceleratorRun: Hashable, Sendable {
    /// Each graph output's stored values, row-major, in `AcceleratorProgram.outputs` order.
    public var outputs: [[Int32]]
    /// The names of `outputs`, in the same order.
    public var outputNames: [String]
    /// Counts of the whole run.
    public var counters: ExecutionCounters
    /// Counts of each layer, by layer-table index.
    public var layerCounters: [ExecutionCounters]
    /// Cycles each layer adds: from the latest end of any earlier layer's instruction to the end of
    /// its own last one (0 when an earlier layer ends later), by layer-table index.
    public var layerCycles: [Int]
    /// Energy of the whole run and of each layer.
    public var energy: EnergyReport
    public var layerEnergy: [EnergyReport]
    /// Cycles until the last unit finished (`timeline.totalCycles`).
    public var totalCycles: Int
    /// When each instruction started and ended, and its stalls.
    public var timeline: PipelineTimeline

    /// The stored values of the output named `name`.
    public func output(named name: String) -> [Int32]? {
        outputNames.firstIndex(of: name).map { outputs[$0] }
    }
}
