import Accelerator

/// Where exactly a layer's operand lives: its region of DRAM, or its region of an SRAM buffer.
public enum OperandPlacement: Hashable, Sendable {
    case dram(DRAMTensor)
    case onChip(SRAMTensor)
}
