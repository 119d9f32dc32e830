/// One row of a program's per-layer table (the `LAYR` section): which instructions belong to the
/// layer, where its output lives, and what the compiler's model says it costs.
public struct ProgramLayer: Codable, Hashable, Sendable {
    /// The quantized layer's name.
    public var name: String
    /// Its operator (`conv`, `fc`, `maxpool`, …).
    public var op: String
    /// Index of its first instruction in the stream and how many it has.
    public var firstInstruction: Int
    public var instructionCount: Int
    /// Where its output is after the layer ran: in DRAM, on chip (kept for the next layer), or both.
    public var dramOutput: DRAMTensor?
    public var sramOutput: SRAMTensor?
    /// Multiply-accumulates of the layer (0 for layers without a GEMM).
    public var macs: Int
    /// Cycles from the end of the previous layer to the end of this one on the pipeline timeline.
    public var modeledCycles: Int
    /// `max(macs / peak MACs per cycle, compulsory bytes / DRAM bytes per cycle)`.
    public var rooflineCycles: Int
    /// Bytes the layer's loads and stores move.
    public var dramBytes: Int
    /// Bytes it cannot avoid moving: its input (unless kept on chip), its constants once, and its
    /// output (unless kept on chip).
    public var compulsoryBytes: Int
    /// The chosen tiling and loop order, as the dump prints it.
    public var tiling: String
    /// For convolution and fully-connected layers: where the weights start in the DRAM image and
    /// their shape (`[M, C, kh, kw]` or `[M, K]`). The `QGRF` section stores the quantized graph
    /// without weights; the loader takes them from here.
    public var weightAddress: Int?
    public var weightShape: [Int]?

    public init(name: String, op: String, firstInstruction: Int, instructionCount: Int, dramOutput: DRAMTensor?,
                sramOutput: SRAMTensor?, macs: Int, modeledCycles: Int, rooflineCycles: Int, dramBytes: Int,
                compulsoryBytes: Int, tiling: String, weightAddress: Int? = nil, weightShape: [Int]? = nil) {
        self.name = name
        self.op = op
        self.firstInstruction = firstInstruction
        self.instructionCount = instructionCount
        self.dramOutput = dramOutput
        self.sramOutput = sramOutput
        self.macs = macs
        self.modeledCycles = modeledCycles
        self.rooflineCycles = rooflineCycles
        self.dramBytes = dramBytes
        self.compulsoryBytes = compulsoryBytes
        self.tiling = tiling
        self.weightAddress = weightAddress
        self.weightShape = weightShape
    }

    /// The stream indices of its instructions.
    public var instructions: Range<Int> { firstInstruction..<(firstInstruction + instructionCount) }
}
