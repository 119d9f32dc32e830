/// An FPGA part that a config is sized against: its DSP blocks, block RAMs, logic and registers,
/// from the vendor's product tables. `vggc resources --part` and `vggc explore --part` take one by name.
public struct FPGAPart: Codable, Hashable, Sendable {
    /// The vendor's block RAM primitive a part is built from.
    public enum MemoryBlock: String, Codable, Hashable, Sendable {
        /// Xilinx 7-series and UltraScale+ 36 Kb block RAM: 4 KiB of bytes, at most 64 data bits per
        /// port (512 × 72 simple dual port).
        case bram36
        /// Intel Cyclone V 10 Kb block: 1 KiB of bytes, at most 32 data bits per port (256 × 40).
        case m10k

        /// Data bytes one block holds when it stores bytes.
        public var bytes: Int {
            switch self {
            case .bram36: return 4096
            case .m10k: return 1024
            }
        }

        /// Data bytes one block reads per cycle through one port at its widest aspect ratio.
        public var portBytes: Int {
            switch self {
            case .bram36: return 8
            case .m10k: return 4
            }
        }
    }

    /// The part number, lower case (`xc7z045`).
    public var name: String
    /// Family and device (`Zynq-7000 XC7Z045`).
    public var device: String
    /// DSP blocks (DSP48E1, DSP48E2 or Cyclone V variable-precision blocks).
    public var dspBlocks: Int
    /// The kind of DSP block, as the vendor names it.
    public var dspKind: String
    /// Independent 8-bit × 8-bit multipliers one DSP block implements without packing tricks:
    /// 1 for DSP48E1/E2 (one 25×18 or 27×18 multiplier), 3 for a Cyclone V block (three 9×9).
    public var int8MultipliersPerDSP: Int
    /// Independent multipliers of up to 18 × 18 bits per DSP block (1 for DSP48, 2 for Cyclone V).
    public var wideMultipliersPerDSP: Int
    /// Block RAMs of `memoryBlock`'s kind.
    public var memoryBlocks: Int
    /// The block RAM primitive.
    public var memoryBlock: MemoryBlock
    /// Look-up tables (6-input LUTs; Cyclone V: adaptive LUTs, two per ALM).
    public var luts: Int
    /// Flip-flops (Cyclone V: ALM registers).
    public var flipFlops: Int

    public init(name: String, device: String, dspBlocks: Int, dspKind: String, int8MultipliersPerDSP: Int,
                wideMultipliersPerDSP: Int, memoryBlocks: Int, memoryBlock: MemoryBlock, luts: Int, flipFlops: Int) {
        self.name = name
        self.device = device
        self.dspBlocks = dspBlocks
        self.dspKind = dspKind
        self.int8MultipliersPerDSP = int8MultipliersPerDSP
        self.wideMultipliersPerDSP = wideMultipliersPerDSP
        self.memoryBlocks = memoryBlocks
        self.memoryBlock = memoryBlock
        self.luts = luts
        self.flipFlops = flipFlops
    }
}
