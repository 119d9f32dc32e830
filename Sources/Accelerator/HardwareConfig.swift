import Quantization

/// A parameterised description of the accelerator of docs/DESIGN: the PE array, clock, on-chip
/// buffers, DRAM interface, instruction costs, per-operation energies and optional features.
/// Decoded strictly from JSON (`--target FILE.json`) or taken from a preset (`--target zc706`), itself
/// a JSON file (`HardwareConfig+Presets`).
public struct HardwareConfig: Codable, Hashable, Sendable {
    /// Short identifier (`zc706`), shown in reports.
    public var name: String
    /// Where the figures come from (paper, board, or "assumed").
    public var source: String
    /// The MAC array.
    public var array: PEArray
    /// Core clock in MHz.
    public var clockMHz: Double
    /// On-chip SRAM buffers, in a fixed order: input, weight, accumulator, output.
    public var buffers: [SRAMBuffer]
    /// The DRAM interface.
    public var dram: DRAMInterface
    /// Fixed per-instruction overheads in cycles.
    public var costs: InstructionCosts
    /// Energy per operation (picojoules) and static power.
    public var energy: EnergyModel
    /// Optional hardware features.
    public var features: Features

    public init(name: String, source: String, array: PEArray, clockMHz: Double, buffers: [SRAMBuffer],
                dram: DRAMInterface, costs: InstructionCosts, energy: EnergyModel, features: Features) {
        self.name = name
        self.source = source
        self.array = array
        self.clockMHz = clockMHz
        self.buffers = buffers
        self.dram = dram
        self.costs = costs
        self.energy = energy
        self.features = features
    }

    /// Total on-chip SRAM in bytes.
    public var totalSRAMBytes: Int { buffers.reduce(0) { $0 + $1.bytes } }

    /// The buffer with the given role, if the config has one.
    public func buffer(_ role: SRAMBuffer.Role) -> SRAMBuffer? { buffers.first { $0.role == role } }

    /// The arithmetic the target's datapath implements.
    public var arithmetic: ArithmeticMode { features.arithmetic }

    /// Peak int8 MACs per second.
    public var peakMACsPerSecond: Double { Double(array.macsPerCycle) * clockMHz * 1e6 }
}
