/// Where every field of one opcode's instructions lies: the view of a `FieldTable` that the docs'
/// bit tables and anything else that needs no instruction type (RTL, tests) read.
///
/// Every instruction is 512 bits. Bits 0–23 are the common header (`opcode`, the four token bits,
/// `layer`); the opcode's operands follow from bit 24. Bits that no field covers are reserved and
/// must be zero.
public struct InstructionLayout: Hashable, Sendable {
    public let opcode: Opcode
    /// The header fields then the operand fields, in bit order.
    public let fields: [InstructionField]
    /// For each of the eight 64-bit words, the bits some field covers.
    public let usedBits: [UInt64]

    /// Bits per instruction.
    public static let bits = Instruction.encodedBytes * 8
    /// Bits of the common header.
    public static let headerBits = 24

    /// `fields`, in bit order, of `opcode`'s instructions.
    init(opcode: Opcode, fields: [InstructionField]) {
        var next = 0
        for field in fields {
            precondition(field.offset >= next, "\(opcode.mnemonic): field \(field.name) overlaps the one before it")
            next = field.offset + field.width
            if case .address(.bufferSelectedBy(let selector)) = field.encoding {
                precondition(fields.contains { $0.name == selector }, "\(opcode.mnemonic): \(field.name) names no field \(selector)")
            }
        }
        precondition(next <= Self.bits, "\(opcode.mnemonic) needs \(next) bits")
        self.opcode = opcode
        self.fields = fields
        var used = Array(repeating: UInt64(0), count: Self.bits / 64)
        for field in fields { field.insert(field.mask, into: &used) }
        usedBits = used
    }

    /// The mnemonic the disassembler and the docs print.
    public var mnemonic: String { opcode.mnemonic }

    /// The operand fields, after the header (bit `headerBits` on).
    public var operands: ArraySlice<InstructionField> { fields.drop { $0.offset < Self.headerBits } }

    /// The field named `name`, if the layout has one.
    public func field(named name: String) -> InstructionField? {
        fields.first { $0.name == name }
    }

    /// The lowest reserved bit set in `words` (eight little-endian 64-bit words), if any.
    func firstReservedBitSet(in words: [UInt64]) -> Int? {
        guard let word = words.indices.first(where: { words[$0] & ~usedBits[$0] != 0 }) else { return nil }
        return 64 * word + (words[word] & ~usedBits[word]).trailingZeroBitCount
    }
}
