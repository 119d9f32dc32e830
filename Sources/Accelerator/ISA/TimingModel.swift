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
            return load.dramBytes > 0 ? dmaCycles(bytes: load.dramBytes) : config.costs.dmaSetupCycles + transferCycles(load.sramBytes)
        case .store(let store):
            return dmaCycles(bytes: store.bytes)
        case .gemm(let gemm):
            return pipeline + gemmCycles(gemm)
        case .post(let post):
            return pipeline + ceilDiv(post.elements, postLanes)
        case .pool(let pool):
            return pipeline + ceilDiv(pool.taps, postLanes)
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

    /// One DMA transfer moving `bytes` to or from DRAM: descriptor setup, DRAM latency, then the
    /// bytes at the sustained bandwidth.
    public func dmaCycles(bytes: Int) -> Int {
        config.costs.dmaSetupCycles + config.dram.latencyCycles + transferCycles(bytes)
    }

    /// `ceil(bytes / bytesPerCycle)`.
    public func transferCycles(_ bytes: Int) -> Int {
        Int((Double(bytes) / config.dram.bytesPerCycle).rounded(.up))
    }

    private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
