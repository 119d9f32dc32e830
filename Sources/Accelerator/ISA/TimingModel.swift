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

    /// The cycles `instruction` keeps its unit busy.
    public func cycles(_ instruction: Instruction) -> Int {
        let pipeline = config.costs.computePipelineCycles
        switch instruction {
        case .load(let load):
            return load.dramBytes > 0 ? dmaCycles(load.dramRows) : config.costs.dmaSetupCycles + transferCycles(load.sramBytes)
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
            return 0
        }
    }

    /// `ceil(Co/Po) × ceil(Ci/Pi) × ceil(kh·kw/Pk) × ceil(rows·columns/Pp)`: the array passes a GEMM
    /// needs, without the pipeline fill; a depthwise GEMM fills each channel's `Pi·Pk·Pp` lanes with
    /// its taps and pixels, `ceil(Co/Po) × ceil(kh·kw·rows·columns / (Pi·Pk·Pp))`.
    public func gemmCycles(_ gemm: GemmInstruction) -> Int {
        let array = config.array
        if gemm.depthwise {
            return ceilDiv(gemm.outputChannels, array.po)
                * ceilDiv(gemm.kernelHeight * gemm.kernelWidth * gemm.outputRows * gemm.outputColumns, array.pi * array.pk * array.pp)
        }
        return ceilDiv(gemm.outputChannels, array.po) * ceilDiv(gemm.inputChannels, array.pi)
            * ceilDiv(gemm.kernelHeight * gemm.kernelWidth, array.pk) * ceilDiv(gemm.outputRows * gemm.outputColumns, array.pp)
    }

    /// `ceil(outputs/(Po·Pp)) × windowTaps`: a `POOL` gives each of the `Po·Pp` lanes one output and
    /// one window tap a cycle, so a group of outputs takes all its taps however few lanes it fills.
    public func poolPasses(outputs: Int, windowTaps: Int) -> Int {
        ceilDiv(outputs, postLanes) * windowTaps
    }

    /// One DMA transfer to or from DRAM: descriptor setup, DRAM latency, then the bus words its rows
    /// touch at the sustained bandwidth.
    public func dmaCycles(_ rows: DRAMRows) -> Int {
        config.costs.dmaSetupCycles + config.dram.latencyCycles + transferCycles(busBytes * rows.busWords(busBytes: busBytes))
    }

    /// Bytes of one DRAM bus word.
    public var busBytes: Int { config.dram.busWidthBits / 8 }

    /// `ceil(bytes / bytesPerCycle)`.
    public func transferCycles(_ bytes: Int) -> Int {
        Int((Double(bytes) / config.dram.bytesPerCycle).rounded(.up))
    }

    private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
