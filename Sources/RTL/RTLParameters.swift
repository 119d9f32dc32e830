import Accelerator
import Quantization

/// The parameters the RTL takes from a `HardwareConfig`: the array, the buffer sizes, the DRAM
/// interface, the instruction costs and the widths the config's arithmetic mode stores.
public struct RTLParameters: Codable, Hashable, Sendable {
    public var po: Int
    public var pi: Int
    public var pk: Int
    public var pp: Int
    public var inputBufferBytes: Int
    public var weightBufferBytes: Int
    public var accumulatorBufferBytes: Int
    public var outputBufferBytes: Int
    public var dramBusBits: Int
    /// Memory ports of each direction, one bus word each (`DRAMInterface.ports`).
    public var dramPorts: Int
    public var dramLatencyCycles: Int
    /// Sustained DRAM bandwidth in thousandths of a byte per cycle (`bytesPerCycle` may be fractional).
    public var dramMillibytesPerCycle: Int
    public var issueCycles: Int
    public var dmaSetupCycles: Int
    public var computePipelineCycles: Int
    /// Bytes per stored value in the config's arithmetic mode.
    public var elementBytes: Int
    /// Bytes per accumulator entry in the config's arithmetic mode.
    public var accumulatorEntryBytes: Int

    /// The most memory ports of a direction the RTL is generated with.
    public static let maximumDRAMPorts = 16

    /// The parameters of `config`; throws `RTLError` for a bus width the memory port does not
    /// handle, more ports than `maximumDRAMPorts`, or a missing buffer.
    public init(config: HardwareConfig) throws {
        guard [8, 16, 32, 64, 128].contains(config.dram.busWidthBits) else {
            throw RTLError.unsupportedBusWidth(config: config.name, bits: config.dram.busWidthBits)
        }
        guard config.dram.ports <= Self.maximumDRAMPorts else {
            throw RTLError.tooManyDRAMPorts(config: config.name, ports: config.dram.ports, maximum: Self.maximumDRAMPorts)
        }
        func bytes(_ role: SRAMBuffer.Role) throws -> Int {
            guard let buffer = config.buffer(role) else { throw RTLError.missingBuffer(config: config.name, role: role.rawValue) }
            return buffer.bytes
        }
        po = config.array.po
        pi = config.array.pi
        pk = config.array.pk
        pp = config.array.pp
        inputBufferBytes = try bytes(.input)
        weightBufferBytes = try bytes(.weight)
        accumulatorBufferBytes = try bytes(.accumulator)
        outputBufferBytes = try bytes(.output)
        dramBusBits = config.dram.busWidthBits
        dramPorts = config.dram.ports
        dramLatencyCycles = config.dram.latencyCycles
        dramMillibytesPerCycle = Int((config.dram.bytesPerCycle * 1000).rounded())
        issueCycles = config.costs.issueCycles
        dmaSetupCycles = config.costs.dmaSetupCycles
        computePipelineCycles = config.costs.computePipelineCycles
        (elementBytes, accumulatorEntryBytes) = Self.widths(config.arithmetic)
    }

    /// Element and accumulator-entry bytes of `mode` (docs/ISA.md, "Accumulator width").
    private static func widths(_ mode: ArithmeticMode) -> (element: Int, accumulator: Int) {
        switch mode {
        case .de1socQ10: return (4, 8)
        case .standard, .vgg16CU, .dynamicFixedPoint, .pow2Weights: return (1, 4)
        }
    }

    /// Every parameter as its SystemVerilog name and value, in declaration order.
    public var named: [(name: String, value: Int)] {
        [("PO", po), ("PI", pi), ("PK", pk), ("PP", pp),
         ("INPUT_BUFFER_BYTES", inputBufferBytes), ("WEIGHT_BUFFER_BYTES", weightBufferBytes),
         ("ACCUMULATOR_BUFFER_BYTES", accumulatorBufferBytes), ("OUTPUT_BUFFER_BYTES", outputBufferBytes),
         ("DRAM_BUS_BITS", dramBusBits), ("DRAM_PORTS", dramPorts), ("DRAM_LATENCY_CYCLES", dramLatencyCycles),
         ("DRAM_MILLIBYTES_PER_CYCLE", dramMillibytesPerCycle), ("ISSUE_CYCLES", issueCycles),
         ("DMA_SETUP_CYCLES", dmaSetupCycles), ("COMPUTE_PIPELINE_CYCLES", computePipelineCycles),
         ("ELEMENT_BYTES", elementBytes), ("ACCUMULATOR_ENTRY_BYTES", accumulatorEntryBytes)]
    }
}
