/// An instruction type whose encoding is its field table (docs/ISA.md): every stored property is
/// exactly one field, and the table alone encodes, decodes, range-checks and disassembles it.
public protocol FieldEncodedInstruction: Hashable, Sendable {
    /// The type's fields, in bit order.
    static var fieldTable: FieldTable<Self> { get }
    /// The dependency-token bits (header bits 4–7).
    var dependencies: DependencyFlags { get set }
    /// The index into the program's layer table (header bits 8–23).
    var layer: Int { get set }
    /// This value as the `Instruction` case that holds it.
    var instruction: Instruction { get }
}

extension FieldEncodedInstruction {
    /// Where every field of the type lies.
    static var layout: InstructionLayout { fieldTable.layout }

    /// The instruction `words` (eight little-endian 64-bit words of this type's opcode) encode;
    /// throws what `FieldTable.instruction(decoding:index:)` throws.
    static func decoding(_ words: [UInt64], index: Int) throws -> Self {
        try fieldTable.instruction(decoding: words, index: index)
    }

    /// The eight little-endian 64-bit words of this instruction; throws what
    /// `FieldTable.words(of:)` throws.
    func encodedWords() throws -> [UInt64] {
        try Self.fieldTable.words(of: self)
    }

    /// Every field but `opcode` with its value in this instruction, in bit order.
    var fieldValues: [(field: InstructionField, value: Int)] {
        Self.fieldTable.values(in: self)
    }
}
