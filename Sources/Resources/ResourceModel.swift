import Accelerator
import Quantization

/// Estimates the FPGA resources of the reference RTL (Sources/RTL) for a hardware config, with
/// `M = Po·Pi·Pk·Pp` multipliers, `L = Po·Pp` post-processing lanes and `E` element bytes (1 in the
/// 8-bit modes, 4 in `de1soc-q10`):
///
/// - **DSP**: the PE array's multipliers, `int8MultipliersPerDSP` 8×8 products per DSP block, or for
///   `de1soc-q10` `dspPerWideMultiplier` DSP48E1-sized tiles per 32×32 product; `dspPerLane` tiles per
///   lane (its 33×33 multiplier and constant multiplies); `dspFixed` tiles of the address steps' and
///   DMA walkers' multiplies. A part's block takes `wideMultipliersPerDSP` tiles.
/// - **Block RAM**: each buffer is split into as many banks as the bytes its lanes read per cycle
///   need ports (`portBytes` per block), and each bank into blocks of `bytes` (`FPGAPart.MemoryBlock`).
///   Lanes per cycle: input `Pi·Pk·Pp` elements, weight `Po·Pi·Pk`, accumulator and output `Po·Pp`.
///   This is the banked shape the buffers need on an FPGA; the RTL's buffers are still behavioural
///   (docs/ISA.md, "The reference RTL"), so it is counted, not fitted.
/// - **LUT and FF**: LUTs affine in `M` and `M·E` (the array's partial sums, adder trees and operand
///   sign extension), in `B`, the address bits of the array's port adders (the RTL forms each address
///   as a per-row plus a per-column term computed once, so each multiplier has one add for its input
///   and one for its accumulator port and each of the `Po·Pi·Pk` weight ports one add: `B = M·(⌈log2⌉
///   input + ⌈log2⌉ accumulator bytes) + Po·Pi·Pk·⌈log2⌉ weight bytes`, one LUT per bit), and in `L`
///   and `L·E` (the lanes, `vggc_lane`, with their addresses), and in the DRAM ports beyond the first
///   (`DRAMInterface.ports`, per 64 bits of bus); flip-flops in `M·A` (`A` accumulator
///   bytes: a partial sum per multiplier) and `L`; `coefficients` fitted to Yosys `synth_xilinx` runs
///   with the buffers as black boxes (docs/synthesis-runs.json, `Scripts/fit-resources.py`;
///   docs/BENCHMARKS.md, "Synthesis").
public struct ResourceModel: Codable, Hashable, Sendable {
    /// The terms of the DSP and logic estimates.
    public struct Coefficients: Codable, Hashable, Sendable {
        /// LUTs of the control path (fetch, queues, DMA walkers, loop counters), independent of the array.
        public var lutFixed: Double
        /// LUTs per multiplier (its partial sum's first-pass choice and add, its share of the adder tree).
        public var lutPerMultiplier: Double
        /// LUTs per multiplier and element byte (the wider operands, sums and trees of wider elements).
        public var lutPerMultiplierByte: Double
        /// LUTs per address bit of the array's port adders (one add per input, accumulator and weight port).
        public var lutPerPortAddressBit: Double
        /// LUTs per post-processing lane (its 64-bit adders, rounding shifter, clamp, pooling window, addresses).
        public var lutPerLane: Double
        /// LUTs per post-processing lane and element byte (its wider input, table index and result).
        public var lutPerLaneByte: Double
        /// LUTs each DRAM port beyond the first adds per 64 bits of bus (its DMA walker words, the
        /// load unit's SRAM write port, the store unit's read port and fetch's word; docs/ISA.md "DMA ports").
        public var lutPerExtraDRAMPort: Double
        /// Flip-flops of the control path.
        public var ffFixed: Double
        /// Flip-flops per multiplier and accumulator byte (a partial sum per multiplier, for depthwise GEMMs).
        public var ffPerPartialSumByte: Double
        /// Flip-flops per post-processing lane (the pooling window register).
        public var ffPerLane: Double
        /// DSP48E1 tiles of one 32×32 product with its 64-bit result (`de1soc-q10`'s multipliers).
        public var dspPerWideMultiplier: Double
        /// DSP48E1 tiles of each post-processing lane (its 33×33 multiplier, constant multiplies).
        public var dspPerLane: Double
        /// DSP48E1 tiles of the per-instruction address-step and DMA multiplies.
        public var dspFixed: Double

        public init(lutFixed: Double, lutPerMultiplier: Double, lutPerMultiplierByte: Double, lutPerPortAddressBit: Double,
                    lutPerLane: Double, lutPerLaneByte: Double, lutPerExtraDRAMPort: Double, ffFixed: Double,
                    ffPerPartialSumByte: Double, ffPerLane: Double, dspPerWideMultiplier: Double, dspPerLane: Double, dspFixed: Double) {
            self.lutFixed = lutFixed
            self.lutPerMultiplier = lutPerMultiplier
            self.lutPerMultiplierByte = lutPerMultiplierByte
            self.lutPerPortAddressBit = lutPerPortAddressBit
            self.lutPerLane = lutPerLane
            self.lutPerLaneByte = lutPerLaneByte
            self.lutPerExtraDRAMPort = lutPerExtraDRAMPort
            self.ffFixed = ffFixed
            self.ffPerPartialSumByte = ffPerPartialSumByte
            self.ffPerLane = ffPerLane
            self.dspPerWideMultiplier = dspPerWideMultiplier
            self.dspPerLane = dspPerLane
            self.dspFixed = dspFixed
        }

        /// Fitted by `Scripts/fit-resources.py` to the six "fit" runs of docs/synthesis-runs.json
        /// (Yosys 0.23 `synth_xilinx`, hierarchy kept, buffers as black boxes: 2×2×1×1, 4×4×1×1 and
        /// 4×2×1×4 int8 and 2×2×1×1 `de1soc-q10` with 4 KiB buffers, vta, de1soc; least squares, the
        /// port address bits at one LUT each, not fitted); docs/BENCHMARKS.md, "Synthesis", gives the
        /// error on the check runs (zc706 among them). Those runs have one DRAM port; the extra ports'
        /// LUTs are measured, not fitted: Yosys `synth_xilinx` of the load unit, store unit and fetch
        /// alone on a 64-bit bus went from 5,589 LUTs with one port to 20,211 with four.
        public static let fitted = Coefficients(lutFixed: 8_663.44, lutPerMultiplier: 47.29, lutPerMultiplierByte: 73.83,
                                                lutPerPortAddressBit: 1, lutPerLane: 2_373.61, lutPerLaneByte: 96.37,
                                                lutPerExtraDRAMPort: 4_874,
                                                ffFixed: 1_954.70, ffPerPartialSumByte: 8.03, ffPerLane: 64.51,
                                                dspPerWideMultiplier: 4, dspPerLane: 4, dspFixed: 27)
    }

    /// The DSP and logic terms.
    public var coefficients: Coefficients

    public init(coefficients: Coefficients) {
        self.coefficients = coefficients
    }

    /// The model vggc uses.
    public static let standard = ResourceModel(coefficients: .fitted)

    /// The resources `config` needs on `part`.
    public func estimate(_ config: HardwareConfig, on part: FPGAPart) -> ResourceEstimate {
        let multipliers = config.array.macsPerCycle
        let lanes = config.array.po * config.array.pp
        let int8 = config.arithmetic.storageType == .int8
        let c = coefficients
        let tilesPerDSP = Double(part.wideMultipliersPerDSP)
        let arrayDSP = int8 ? Double((multipliers + part.int8MultipliersPerDSP - 1) / part.int8MultipliersPerDSP)
            : Double(multipliers) * c.dspPerWideMultiplier / tilesPerDSP
        let dsp = arrayDSP + (c.dspPerLane * Double(lanes) + c.dspFixed) / tilesPerDSP
        let blocks = SRAMBuffer.Role.allCases.reduce(0) { total, role in
            total + Self.memoryBlocks(bytes: config.buffer(role)?.bytes ?? 0, portBytes: Self.laneBytes(role, config),
                                      block: part.memoryBlock)
        }
        let operandBytes = Double(multipliers * (int8 ? 1 : 4))
        let partialSumBytes = Double(multipliers * (int8 ? 4 : 8))
        let lut = c.lutFixed + c.lutPerMultiplier * Double(multipliers) + c.lutPerMultiplierByte * operandBytes
            + c.lutPerPortAddressBit * Double(Self.portAddressBits(config))
            + (c.lutPerLane + c.lutPerLaneByte * Double(int8 ? 1 : 4)) * Double(lanes)
            + c.lutPerExtraDRAMPort * Double((config.dram.ports - 1) * config.dram.busWidthBits) / 64
        let ff = c.ffFixed + c.ffPerPartialSumByte * partialSumBytes + c.ffPerLane * Double(lanes)
        return ResourceEstimate(dsp: Int(dsp.rounded(.up)), bram36: blocks, lut: Int(lut.rounded(.up)), ff: Int(ff.rounded(.up)))
    }

    /// Address bits of the array's port adders: the input and accumulator ports' of every multiplier,
    /// the weight ports' of every (output channel, input channel, tap): `⌈log2 bytes⌉` of each buffer.
    static func portAddressBits(_ config: HardwareConfig) -> Int {
        let a = config.array
        return a.macsPerCycle * (addressBits(config, .input) + addressBits(config, .accumulator))
            + a.po * a.pi * a.pk * addressBits(config, .weight)
    }

    /// `⌈log2 bytes⌉` of the buffer with `role`, 0 for a buffer of at most one byte.
    static func addressBits(_ config: HardwareConfig, _ role: SRAMBuffer.Role) -> Int {
        let bytes = config.buffer(role)?.bytes ?? 0
        return bytes > 1 ? Int.bitWidth - (bytes - 1).leadingZeroBitCount : 0
    }

    /// Bytes the buffer with `role` delivers to the array per cycle.
    static func laneBytes(_ role: SRAMBuffer.Role, _ config: HardwareConfig) -> Int {
        let a = config.array
        let element = config.arithmetic.storageType == .int8 ? 1 : 4
        let accumulator = config.arithmetic.storageType == .int8 ? 4 : 8
        switch role {
        case .input: return a.pi * a.pk * a.pp * element
        case .weight: return a.po * a.pi * a.pk * element
        case .accumulator: return a.po * a.pp * accumulator
        case .output: return a.po * a.pp * element
        }
    }

    /// Blocks for one buffer of `bytes` read `portBytes` per cycle: banks enough for the width, each
    /// bank deep enough for its share of the bytes.
    static func memoryBlocks(bytes: Int, portBytes: Int, block: FPGAPart.MemoryBlock) -> Int {
        guard bytes > 0 else { return 0 }
        let banks = max(1, (portBytes + block.portBytes - 1) / block.portBytes)
        let bankBytes = (bytes + banks - 1) / banks
        return banks * ((bankBytes + block.bytes - 1) / block.bytes)
    }
}
