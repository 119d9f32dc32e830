import Accelerator
import Quantization

/// Estimates the FPGA resources of the reference RTL (Sources/RTL) for a hardware config:
///
/// - **DSP**: one multiplier per MAC of the array (`Po·Pi·Pk·Pp`), `int8MultipliersPerDSP` of them per
///   DSP block for the 8-bit modes, `wideMultipliersPerDSP` for `de1soc-q10`'s 15-bit values.
/// - **Block RAM**: each buffer is split into as many banks as the bytes its lanes read per cycle
///   need ports (`portBytes` per block), and each bank into blocks of `bytes` (`FPGAPart.MemoryBlock`).
///   Lanes per cycle: input `Pi·Pk·Pp` elements, weight `Po·Pi·Pk`, accumulator and output `Po·Pp`.
/// - **LUT and FF**: affine in the multipliers and in the bytes the buffers deliver per cycle, with
///   `coefficients` (`Coefficients.firstPrinciples` until they are fitted to synthesis runs).
public struct ResourceModel: Codable, Hashable, Sendable {
    /// The affine terms of the logic estimate.
    public struct Coefficients: Codable, Hashable, Sendable {
        /// LUTs of the control path (fetch, queues, DMA walkers), independent of the array.
        public var lutFixed: Double
        /// LUTs per multiplier (its share of the adder tree and accumulator update).
        public var lutPerMultiplier: Double
        /// LUTs per byte the buffers deliver per cycle (bank selection and lane alignment).
        public var lutPerLaneByte: Double
        /// Flip-flops of the control path.
        public var ffFixed: Double
        /// Flip-flops per multiplier (pipeline registers of the products and partial sums).
        public var ffPerMultiplier: Double
        /// Flip-flops per byte the buffers deliver per cycle (read-data registers).
        public var ffPerLaneByte: Double

        public init(lutFixed: Double, lutPerMultiplier: Double, lutPerLaneByte: Double, ffFixed: Double,
                    ffPerMultiplier: Double, ffPerLaneByte: Double) {
            self.lutFixed = lutFixed
            self.lutPerMultiplier = lutPerMultiplier
            self.lutPerLaneByte = lutPerLaneByte
            self.ffFixed = ffFixed
            self.ffPerMultiplier = ffPerMultiplier
            self.ffPerLaneByte = ffPerLaneByte
        }

        /// Counted by hand, not fitted: about 3,000 LUTs and FFs of control; per multiplier a 16-bit
        /// share of the adder tree plus the accumulator's update (20 LUTs) and its pipeline registers
        /// (24 FFs); per delivered byte an 8-bit bank multiplexer (12 LUTs) and a read register (16 FFs).
        public static let firstPrinciples = Coefficients(lutFixed: 3_000, lutPerMultiplier: 20, lutPerLaneByte: 12,
                                                         ffFixed: 3_000, ffPerMultiplier: 24, ffPerLaneByte: 16)
    }

    /// The logic terms.
    public var coefficients: Coefficients

    public init(coefficients: Coefficients) {
        self.coefficients = coefficients
    }

    /// The model vggc uses.
    public static let standard = ResourceModel(coefficients: .firstPrinciples)

    /// The resources `config` needs on `part`.
    public func estimate(_ config: HardwareConfig, on part: FPGAPart) -> ResourceEstimate {
        let multipliers = config.array.macsPerCycle
        let perDSP = config.arithmetic.storageType == .int8 ? part.int8MultipliersPerDSP : part.wideMultipliersPerDSP
        let blocks = SRAMBuffer.Role.allCases.reduce(0) { total, role in
            total + Self.memoryBlocks(bytes: config.buffer(role)?.bytes ?? 0, portBytes: Self.laneBytes(role, config),
                                      block: part.memoryBlock)
        }
        let deliveredBytes = Double(SRAMBuffer.Role.allCases.reduce(0) { $0 + Self.laneBytes($1, config) })
        let c = coefficients
        let lut = c.lutFixed + c.lutPerMultiplier * Double(multipliers) + c.lutPerLaneByte * deliveredBytes
        let ff = c.ffFixed + c.ffPerMultiplier * Double(multipliers) + c.ffPerLaneByte * deliveredBytes
        return ResourceEstimate(dsp: (multipliers + perDSP - 1) / perDSP, bram36: blocks,
                                lut: Int(lut.rounded(.up)), ff: Int(ff.rounded(.up)))
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
