/// Fixed per-instruction overheads, in core clock cycles.
public struct InstructionCosts: Codable, Hashable, Sendable {
    /// Cycles to decode and issue one instruction from the fetch queue.
    public var issueCycles: Int
    /// Cycles to program a DMA descriptor, before DRAM latency.
    public var dmaSetupCycles: Int
    /// Pipeline fill of the PE array and post-processing, paid once per compute instruction.
    public var computePipelineCycles: Int

    public init(issueCycles: Int, dmaSetupCycles: Int, computePipelineCycles: Int) {
        self.issueCycles = issueCycles
        self.dmaSetupCycles = dmaSetupCycles
        self.computePipelineCycles = computePipelineCycles
    }
}
