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
    /// of its box; the padding around the rows is written beside the transfer and only shows when
    /// it takes longer (`padFillBound`).
    public func loadCycles(_ load: LoadInstruction) -> Int {
        guard load.dramBytes > 0 else { return padFillBound(load) }
        let transfer = dmaCycles(load.dramRows)
        return load.sramBytes > load.dramBytes ? max(transfer, padFillBound(load)) : transfer
    }

    /// The cycles a padded `LOAD` takes at least for its padding: the setup, then its pad fill
    /// (`padFillCycles`), or, when it reads nothing, the fill of its whole box in chunks of a bus
    /// width, `dram.ports` a cycle.
    public func padFillBound(_ load: LoadInstruction) -> Int {
        let setup = config.costs.dmaSetupCycles
        guard load.dramBytes > 0 else { return setup + ceilDiv(ceilDiv(load.sramBytes, busBytes), config.dram.ports) }
        return setup + padFillCycles(load)
    }

    /// The cycles the load unit's pad ports take to write a reading `LOAD`'s padding:
    /// `padFillWords` chunks, `dram.ports` a cycle, wherever they lie.
    public func padFillCycles(_ load: LoadInstruction) -> Int {
        ceilDiv(padFillWords(load), config.dram.ports)
    }

    /// The chunks of at most a bus width a reading `LOAD`'s padding is written in: its gaps between
    /// the rows read, each back to back in SRAM and cut from its start (the top padding rows and the
    /// first left padding; between two rows of a plane a right and a left padding; between planes
    /// a right padding, the bottom and top padding rows and a left padding; the last right padding
    /// and the bottom padding rows).
    public func padFillWords(_ load: LoadInstruction) -> Int {
        let words = { (elements: Int) in ceilDiv(elements * load.elementBytes, busBytes) }
        let sides = load.padLeft + load.padRight, ends = (load.padTop + load.padBottom) * load.boxColumns
        return words(load.padTop * load.boxColumns + load.padLeft) + load.depth * (load.rows - 1) * words(sides)
            + (load.depth - 1) * words(sides + ends) + words(load.padRight + load.padBottom * load.boxColumns)
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
