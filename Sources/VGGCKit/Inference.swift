import Runtime

/// The result of one input on the accelerator model: the run (counters, cycles, timeline) and each
/// graph output as the host reads it.
public struct Inference: Hashable, Sendable {
    /// Counters, cycles and timeline of the run.
    public var run: AcceleratorRun
    /// In the graph's output order.
    public var outputs: [HostOutput]

    public init(run: AcceleratorRun, outputs: [HostOutput]) {
        self.run = run
        self.outputs = outputs
    }

    /// The modeled cycles until the last unit finished.
    public var cycles: Int { run.totalCycles }
}
