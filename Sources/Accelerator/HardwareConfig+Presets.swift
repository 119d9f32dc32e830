/// The built-in targets (`--target NAME`). Figures come from docs/DESIGN's preset table; each
/// preset's `source` says which numbers are measured or published and which are assumptions.
extension HardwareConfig {
    /// Every preset, in the order the documentation lists them.
    public static let presets: [HardwareConfig] = [seed000, de1soc, vta, zc706, zcu102]

    /// The preset with the given name.
    public static func preset(named name: String) -> HardwareConfig? {
        presets.first { $0.name == name }
    }

    /// Horowitz (ISSCC 2014, 45 nm) operation energies shared by the presets; the SRAM figure is
    /// chosen per preset from its buffer sizes.
    private static func horowitzEnergy(sramPer64BitPJ: Double, staticPowerMW: Double) -> EnergyModel {
        EnergyModel(int8MultiplyPJ: 0.2, int32AddPJ: 0.1, sramPer64BitPJ: sramPer64BitPJ, dramPerBitPJ: 20,
                    staticPowerMW: staticPowerMW)
    }

    private static func buffers(input: Int, weight: Int, accumulator: Int, output: Int, banks: Int) -> [SRAMBuffer] {
        [
            SRAMBuffer(role: .input, bytes: input * 1024, banks: banks),
            SRAMBuffer(role: .weight, bytes: weight * 1024, banks: banks),
            SRAMBuffer(role: .accumulator, bytes: accumulator * 1024, banks: banks),
            SRAMBuffer(role: .output, bytes: output * 1024, banks: banks),
        ]
    }

    /// The VGG16/CIFAR-10 capstone: 2 filter units × 14 convolution units, each a 3×3 window.
    public static let seed000 = HardwareConfig(
        name: "seed000",
        source: "VGG16/CIFAR-10 int8 capstone: 2 filter units x 14 CUs x 3x3 window = 252 MACs/cycle at 100 MHz "
            + "(project figures). SRAM 256 KiB weights + 256 KiB feature maps, DRAM 8 B/cycle, latency and static "
            + "power: assumed (the project gives none).",
        array: PEArray(po: 2, pi: 1, pk: 9, pp: 14),
        clockMHz: 100,
        buffers: buffers(input: 128, weight: 256, accumulator: 16, output: 128, banks: 2),
        dram: DRAMInterface(bytesPerCycle: 8, latencyCycles: 100, busWidthBits: 64),
        costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 16, computePipelineCycles: 8),
        energy: horowitzEnergy(sramPer64BitPJ: 50, staticPowerMW: 200),
        features: Features(poolingInPostProcessing: true, lutActivations: false, arithmetic: "vgg16-cu")
    )

    /// The DE1-SoC LeNet/MNIST accelerator (Cyclone V 5CSEMA5).
    public static let de1soc = HardwareConfig(
        name: "de1soc",
        source: "DE1-SoC LeNet accelerator (journal paper): 72 MACs/cycle at 100 MHz, 164 us/image measured; "
            + "485 KiB = 397 M10K blocks; 64-bit AXI-HP = 8 B/cycle. The 12x6 split of the 72 MACs, the buffer "
            + "partition, DRAM latency and static power are assumed.",
        array: PEArray(po: 12, pi: 6, pk: 1, pp: 1),
        clockMHz: 100,
        buffers: buffers(input: 160, weight: 160, accumulator: 37, output: 128, banks: 2),
        dram: DRAMInterface(bytesPerCycle: 8, latencyCycles: 60, busWidthBits: 64),
        costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 16, computePipelineCycles: 6),
        energy: horowitzEnergy(sramPer64BitPJ: 40, staticPowerMW: 150),
        features: Features(poolingInPostProcessing: true, lutActivations: true, arithmetic: "de1soc-q10")
    )

    /// TVM VTA's default configuration: a 1×16×16 GEMM core.
    public static let vta = HardwareConfig(
        name: "vta",
        source: "TVM VTA default (vta_config.json): 1x16x16 int8 GEMM = 256 MACs/cycle at 100 MHz; inp 32 KiB, "
            + "wgt 256 KiB, acc 128 KiB, out 32 KiB; 64-bit AXI = 8 B/cycle. DRAM latency and static power assumed.",
        array: PEArray(po: 16, pi: 16, pk: 1, pp: 1),
        clockMHz: 100,
        buffers: buffers(input: 32, weight: 256, accumulator: 128, output: 32, banks: 1),
        dram: DRAMInterface(bytesPerCycle: 8, latencyCycles: 100, busWidthBits: 64),
        costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 16, computePipelineCycles: 4),
        energy: horowitzEnergy(sramPer64BitPJ: 40, staticPowerMW: 250),
        features: Features(poolingInPostProcessing: false, lutActivations: false, arithmetic: "default")
    )

    /// Zynq XC7Z045 on a ZC706, sized as in Qiu et al., FPGA 2016.
    public static let zc706 = HardwareConfig(
        name: "zc706",
        source: "Zynq XC7Z045 (900 DSP, 19.1 Mb BRAM) as in Qiu et al. FPGA'16: 768 MACs/cycle at 150 MHz, "
            + "2.2 MiB on-chip, 4.2 GB/s = 28 B/cycle. The 32x24 array split, buffer partition, latency and "
            + "static power are assumed.",
        array: PEArray(po: 32, pi: 24, pk: 1, pp: 1),
        clockMHz: 150,
        buffers: buffers(input: 768, weight: 1024, accumulator: 128, output: 332, banks: 4),
        dram: DRAMInterface(bytesPerCycle: 28, latencyCycles: 120, busWidthBits: 64),
        costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 16, computePipelineCycles: 10),
        energy: horowitzEnergy(sramPer64BitPJ: 100, staticPowerMW: 1000),
        features: Features(poolingInPostProcessing: true, lutActivations: false, arithmetic: "default")
    )

    /// Zynq UltraScale+ ZU9EG on a ZCU102.
    public static let zcu102 = HardwareConfig(
        name: "zcu102",
        source: "Zynq UltraScale+ ZU9EG (2520 DSP, 32.1 Mb BRAM): 2048 MACs/cycle at 200 MHz, 4 MiB on-chip, "
            + "19.2 GB/s = 96 B/cycle. The 64x32 array split, buffer partition, latency and static power are assumed.",
        array: PEArray(po: 64, pi: 32, pk: 1, pp: 1),
        clockMHz: 200,
        buffers: buffers(input: 1280, weight: 2048, accumulator: 256, output: 512, banks: 4),
        dram: DRAMInterface(bytesPerCycle: 96, latencyCycles: 150, busWidthBits: 128),
        costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 16, computePipelineCycles: 12),
        energy: horowitzEnergy(sramPer64BitPJ: 100, staticPowerMW: 2000),
        features: Features(poolingInPostProcessing: true, lutActivations: false, arithmetic: "default")
    )
}
