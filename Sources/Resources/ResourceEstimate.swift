/// The FPGA resources a hardware config needs on one part, in that part's own primitives.
public struct ResourceEstimate: Codable, Hashable, Sendable {
    /// DSP blocks of the part's kind.
    public var dsp: Int
    /// Block RAMs of the part's kind: BRAM36 on Xilinx parts, M10K on Cyclone V (`FPGAPart.memoryBlock`).
    public var bram36: Int
    /// Look-up tables.
    public var lut: Int
    /// Flip-flops.
    public var ff: Int

    public init(dsp: Int, bram36: Int, lut: Int, ff: Int) {
        self.dsp = dsp
        self.bram36 = bram36
        self.lut = lut
        self.ff = ff
    }

    /// Whether every resource is within the part's capacity.
    public func fits(_ part: FPGAPart) -> Bool {
        dsp <= part.dspBlocks && bram36 <= part.memoryBlocks && lut <= part.luts && ff <= part.flipFlops
    }

    /// Whether the DSP and block-RAM counts are within a budget (nil: no limit on that resource).
    public func fits(dspBudget: Int?, bram36Budget: Int?) -> Bool {
        dsp <= (dspBudget ?? Int.max) && bram36 <= (bram36Budget ?? Int.max)
    }
}
