/// The off-chip memory interface as the DMA engines see it.
public struct DRAMInterface: Codable, Hashable, Sendable {
    /// Sustained bandwidth in bytes per core clock cycle.
    public var bytesPerCycle: Double
    /// Latency of one DMA transfer before its first byte arrives, in cycles.
    public var latencyCycles: Int
    /// Bus width in bits (the word width of `$readmemh` images).
    public var busWidthBits: Int

    public init(bytesPerCycle: Double, latencyCycles: Int, busWidthBits: Int) {
        self.bytesPerCycle = bytesPerCycle
        self.latencyCycles = latencyCycles
        self.busWidthBits = busWidthBits
    }
}
