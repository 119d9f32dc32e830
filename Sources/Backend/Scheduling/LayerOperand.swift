import Accelerator

/// A value a scheduled layer reads or writes: its name and shape, where it lives (`residency`), and
/// its address: in DRAM (`place-dram`) or in SRAM (`allocate`), whichever its residence says.
public struct LayerOperand: Hashable, Sendable {
    /// The value's name in the quantized graph.
    public let value: String
    public let dims: [Int]
    /// DRAM or on chip.
    public internal(set) var residence: Decision<Residence>
    /// Its DRAM region, when it lives in DRAM.
    public internal(set) var dramTensor: Decision<DRAMTensor>
    /// Its SRAM region, when it stays on chip.
    public internal(set) var sramTensor: Decision<SRAMTensor>

    /// An operand nothing has been decided for; `role` (`input 0`, `output`) and `layer` name it in
    /// messages.
    init(value: String, dims: [Int], role: String, layer: String) {
        self.value = value
        self.dims = dims
        let name = "\(role) '\(value)'"
        residence = Decision("where \(name) lives", of: layer, by: .residency)
        dramTensor = Decision("the DRAM address of \(name)", of: layer, by: .placeDRAM)
        sramTensor = Decision("the SRAM address of \(name)", of: layer, by: .allocate)
    }

    /// Whether it stays on chip; throws before `residency`.
    public var isOnChip: Bool {
        get throws { try residence.value == .onChip }
    }

    /// Its DRAM or SRAM region; throws before the stage that places it has run.
    public var placement: OperandPlacement {
        get throws {
            switch try residence.value {
            case .dram: return .dram(try dramTensor.value)
            case .onChip: return .onChip(try sramTensor.value)
            }
        }
    }
}
