/// The off-chip memory interface as the DMA engines see it.
public struct DRAMInterface: Codable, Hashable, Sendable {
    /// Sustained bandwidth in bytes per core clock cycle.
    public var bytesPerCycle: Double
    /// Latency of one DMA transfer before its first byte arrives, in cycles.
    public var latencyCycles: Int
    /// Bus width in bits (the word width of `$readmemh` images).
    public var busWidthBits: Int

    /// Bytes of one bus word.
    public var busBytes: Int { busWidthBits / 8 }

    /// The memory ports of each direction (read and write), each one bus word a cycle at an address
    /// of its own: as many as `bytesPerCycle` needs, `ceil(bytesPerCycle / busBytes)`, at least one
    /// (docs/ISA.md, "Timing"). The reference RTL has them (`vggc_config_pkg::DRAM_PORTS`).
    public var ports: Int { max(1, Int((bytesPerCycle / Double(busBytes)).rounded(.up))) }

    public init(bytesPerCycle: Double, latencyCycles: Int, busWidthBits: Int) {
        self.bytesPerCycle = bytesPerCycle
        self.latencyCycles = latencyCycles
        self.busWidthBits = busWidthBits
    }
}
