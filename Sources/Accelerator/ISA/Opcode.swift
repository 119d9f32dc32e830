/// The operation code in bits 0–3 of every instruction (docs/ISA.md); 0 and 10–15 are illegal.
/// Every switch over it is exhaustive, so an opcode without a decoder cannot exist.
public enum Opcode: Int, Hashable, Sendable, CaseIterable {
    case load = 1
    case gemm = 2
    case post = 3
    case pool = 4
    case alu = 5
    case store = 6
    case sync = 7
    case end = 8
    case add = 9

    /// Bits the opcode occupies, from bit 0.
    public static let bits = 4

    /// The mnemonic the disassembler and docs/ISA.md print.
    public var mnemonic: String {
        switch self {
        case .load: return "LOAD"
        case .gemm: return "GEMM"
        case .post: return "POST"
        case .pool: return "POOL"
        case .alu: return "ALU"
        case .store: return "STORE"
        case .sync: return "SYNC"
        case .end: return "END"
        case .add: return "ADD"
        }
    }

    /// Where every field of this opcode's instructions lies, from its instruction type's field table.
    public var layout: InstructionLayout { instructionType.layout }

    /// The instruction type whose field table encodes this opcode.
    var instructionType: any FieldEncodedInstruction.Type {
        switch self {
        case .load: return LoadInstruction.self
        case .gemm: return GemmInstruction.self
        case .post: return PostInstruction.self
        case .pool: return PoolInstruction.self
        case .alu: return ALUInstruction.self
        case .store: return StoreInstruction.self
        case .sync: return SyncInstruction.self
        case .end: return EndInstruction.self
        case .add: return AddInstruction.self
        }
    }
}
