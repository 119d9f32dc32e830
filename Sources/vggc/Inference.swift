import Runtime

/// The result of one image on the accelerator model: the run (counters, cycles, timeline) and each
/// graph output as the host reads it.
struct Inference: Hashable, Sendable {
    var run: AcceleratorRun
    /// In the graph's output order.
    var outputs: [HostOutput]
}
