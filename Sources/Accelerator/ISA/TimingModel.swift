/// How many cycles each instruction occupies its unit on a given accelerator (docs/ISA.md,
/// "Timing"). The compiler's modeled cycles and the runtime's cycle counts both come from here.
public struct TimingModel: Hashable, Sendable {
    public let config: HardwareConfig

    public init(config: HardwareConfig) {
        self.config = config
    }

    /// Lanes of the post-processing pipeline and the ALU: one per output channel and pixel of the
    /// PE array (`Po × Pp`).
    public var postLanes: Int { config.array.po * config.array.pp }

    /// The cycles `instruction` keeps its unit busy; for `END`, the cycles from its dispatch until
    /// the words fetch requested beyond it have returned and the machine can stop.
    public func cycles(_ instruction: Instruction) -> Int {
        let pipeline = config.costs.computePipelineCycles
        switch instruction {
        case .load(let load):
            return loadCycles(load)
        case .store(let store):
            return dmaCycles(store.dramRows)
        case .gemm(let gemm):
            return pipeline + gemmCycles(gemm)
        case .post(let post):
            return pipeline + ceilDiv(post.elements, postLanes)
        case .pool(let pool):
            return pipeline + poolPasses(outputs: pool.elements, windowTaps: pool.kernelHeight * pool.kernelWidth)
        case .alu(let alu):
            return pipeline + ceilDiv(alu.elements, postLanes)
        case .add(let add):
            return pipeline + ceilDiv(add.elements, postLanes)
        case .sync:
            return 1
        case .end:
            return config.dram.latencyCycles + 1
        }
    }

    /// `ceil(Co/Po) × ceil(Ci/Pi) × ceil(kh·kw/Pk) × ceil(rows·columns/Pp)`: the array passes a GEMM
    /// needs, without the pipeline fill; a 1×1 kernel spreads its input channels over the `Pi·Pk`
    /// multipliers of each output, `ceil(Co/Po) × ceil(Ci/(Pi·Pk)) × ceil(rows·columns/Pp)`
    /// (`PEArray.densePasses`); a depthwise GEMM gives each channel's `Pi·Pk·Pp` multipliers one
    /// pixel each and walks the kernel taps one a cycle, `ceil(Co/Po) × ceil(rows·columns /
    /// (Pi·Pk·Pp)) × kh·kw`.
    public func gemmCycles(_ gemm: GemmInstruction) -> Int {
        let taps = gemm.kernelHeight * gemm.kernelWidth, pixels = gemm.outputRows * gemm.outputColumns
        if gemm.depthwise {
            return config.array.depthwisePasses(outputChannels: gemm.outputChannels, taps: taps, pixels: pixels)
        }
        return config.array.densePasses(outputChannels: gemm.outputChannels, inputChannels: gemm.inputChannels, taps: taps, pixels: pixels)
    }

    /// `ceil(outputs/(Po·Pp)) × windowTaps`: a `POOL` gives each of the `Po·Pp` lanes one output and
    /// one window tap a cycle, so a group of outputs takes all its taps however few lanes it fills.
    public func poolPasses(outputs: Int, windowTaps: Int) -> Int {
        ceilDiv(outputs, postLanes) * windowTaps
    }

    /// A `LOAD`: the DMA transfer of its DRAM rows, or, when it reads nothing, the setup and the fill
    /// of its box one bus width a cycle; the padding around the rows is written beside the transfer
    /// and only shows when it takes longer (`padFillCycles`).
    public func loadCycles(_ load: LoadInstruction) -> Int {
        let setup = config.costs.dmaSetupCycles
        guard load.dramBytes > 0 else { return setup + ceilDiv(load.sramBytes, busBytes) }
        let transfer = dmaCycles(load.dramRows)
        return load.sramBytes > load.dramBytes ? max(transfer, setup + padFillCycles(load)) : transfer
    }

    /// The cycles the load unit's second SRAM port takes to write a reading `LOAD`'s padding: for
    /// each plane and box row, a padding row's bytes one bus width a cycle and one cycle more, and a
    /// row read from DRAM its left and its right padding, each at least one cycle.
    public func padFillCycles(_ load: LoadInstruction) -> Int {
        let widthCycles = { (elements: Int) in max(1, ceilDiv(elements * load.elementBytes, busBytes)) }
        let paddingRow = widthCycles(load.boxColumns) + 1
        let readRow = widthCycles(load.padLeft) + widthCycles(load.padRight)
        return load.depth * ((load.padTop + load.padBottom) * paddingRow + load.rows * readRow)
    }

    /// One DMA transfer to or from DRAM: descriptor setup, DRAM latency, then the bus words its rows
    /// touch, `channelBytesPerCycle` a cycle (up to one word a port, whatever rows they lie in).
    public func dmaCycles(_ rows: DRAMRows) -> Int {
        dmaOverheadCycles + transferCycles(busBytes * rows.busWords(busBytes: busBytes))
    }

    /// What every DMA transfer pays before its first byte: the descriptor setup and the DRAM latency.
    public var dmaOverheadCycles: Int { config.costs.dmaSetupCycles + config.dram.latencyCycles }

    /// Bytes of one DRAM bus word.
    public var busBytes: Int { config.dram.busBytes }

    /// Bytes one DMA channel (read or write) moves a cycle: the sustained bandwidth,
    /// `dram.bytesPerCycle`. The channel's `dram.ports` word ports can take
    /// `ports · busBytes ≥ bytesPerCycle` bytes a cycle, so the DRAM's credit is what limits it.
    public var channelBytesPerCycle: Double { config.dram.bytesPerCycle }

    /// `ceil(bytes / channelBytesPerCycle)`.
    public func transferCycles(_ bytes: Int) -> Int {
        Int((Double(bytes) / channelBytesPerCycle).rounded(.up))
    }

    private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
