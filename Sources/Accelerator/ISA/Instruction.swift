/// One accelerator instruction (docs/ISA.md). Every instruction encodes to 64 bytes; the fetch
/// stage dispatches each, in order, to the unit that executes it.
public enum Instruction: Hashable, Sendable, Codable {
    /// Opcode 1, load unit.
    case load(LoadInstruction)
    /// Opcode 2, compute unit.
    case gemm(GemmInstruction)
    /// Opcode 3, compute unit.
    case post(PostInstruction)
    /// Opcode 4, compute unit.
    case pool(PoolInstruction)
    /// Opcode 5, compute unit.
    case alu(ALUInstruction)
    /// Opcode 6, store unit.
    case store(StoreInstruction)
    /// Opcode 7, the unit it names.
    case sync(SyncInstruction)
    /// Opcode 8: the end of the program. Fetch stops; the run ends when every unit has drained.
    /// `layer` is the last layer's index.
    case end(layer: Int)
    /// Opcode 9, compute unit.
    case add(AddInstruction)

    /// Bytes per encoded instruction.
    public static let encodedBytes = 64

    /// The unit that executes this instruction; `nil` for `end`.
    public var unit: ExecutionUnit? {
        switch self {
        case .load: return .load
        case .gemm, .post, .pool, .alu, .add: return .compute
        case .store: return .store
        case .sync(let sync): return sync.unit
        case .end: return nil
        }
    }

    /// The operation code the instruction encodes with.
    public var opcode: Opcode {
        switch self {
        case .load: return .load
        case .gemm: return .gemm
        case .post: return .post
        case .pool: return .pool
        case .alu: return .alu
        case .store: return .store
        case .sync: return .sync
        case .end: return .end
        case .add: return .add
        }
    }

    /// The mnemonic the disassembler prints.
    public var mnemonic: String { opcode.mnemonic }

    /// The layer-table index the instruction belongs to.
    public var layer: Int {
        switch self {
        case .load(let i): return i.layer
        case .gemm(let i): return i.layer
        case .post(let i): return i.layer
        case .pool(let i): return i.layer
        case .alu(let i): return i.layer
        case .store(let i): return i.layer
        case .sync(let i): return i.layer
        case .end(let layer): return layer
        case .add(let i): return i.layer
        }
    }

    /// The dependency-token bits (`end` carries none).
    public var dependencies: DependencyFlags {
        get {
            switch self {
            case .load(let i): return i.dependencies
            case .gemm(let i): return i.dependencies
            case .post(let i): return i.dependencies
            case .pool(let i): return i.dependencies
            case .alu(let i): return i.dependencies
            case .store(let i): return i.dependencies
            case .sync(let i): return i.dependencies
            case .end: return .none
            case .add(let i): return i.dependencies
            }
        }
        set {
            switch self {
            case .load(var i): i.dependencies = newValue; self = .load(i)
            case .gemm(var i): i.dependencies = newValue; self = .gemm(i)
            case .post(var i): i.dependencies = newValue; self = .post(i)
            case .pool(var i): i.dependencies = newValue; self = .pool(i)
            case .alu(var i): i.dependencies = newValue; self = .alu(i)
            case .store(var i): i.dependencies = newValue; self = .store(i)
            case .sync(var i): i.dependencies = newValue; self = .sync(i)
            case .end: break
            case .add(var i): i.dependencies = newValue; self = .add(i)
            }
        }
    }
}
