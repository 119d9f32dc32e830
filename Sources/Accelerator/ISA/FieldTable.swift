/// One instruction type's field table (docs/ISA.md): the opcode and the header, then the operands
/// packed from bit 24 in the order written, every field but the opcode bound to the stored property
/// of `Root` it encodes. It alone drives the encoder, the decoder, the field-range checks, the
/// disassembler's operands and the bit tables of docs/ISA.md.
public struct FieldTable<Root: FieldEncodedInstruction>: Sendable {
    /// One operand as a table writes it, before it has a bit position: a field bound to a
    /// property, or a reserved gap.
    public struct Row: Sendable {
        /// Bits the row takes.
        let width: Int
        /// The row's field placed at bit `offset`; `nil` for a reserved gap.
        let place: @Sendable (_ offset: Int) -> FieldBinding<Root>?

        /// The field `name`, `width` bits wide, holding `property`; `meaning` gives its unit and
        /// what it means, as the docs' tables show it.
        public static func field<Value: FieldRepresentable>(
            _ name: String, _ property: WritableKeyPath<Root, Value> & Sendable, _ width: Int,
            _ encoding: InstructionField.Encoding, _ meaning: String
        ) -> Row {
            Row(width: width) { offset in
                FieldBinding(InstructionField(name: name, offset: offset, width: width, encoding: encoding, meaning: meaning),
                             property)
            }
        }

        /// `width` bits left zero between two fields.
        public static func reserved(_ width: Int) -> Row {
            Row(width: width) { _ in nil }
        }
    }

    /// Where every field lies, the opcode included.
    public let layout: InstructionLayout
    /// Every field but `opcode`, in bit order, with the property it holds.
    public let bindings: [FieldBinding<Root>]
    /// The value decoding starts from; a field overwrites each of its properties.
    let blank: Root

    /// The table of `opcode`: bits 0–3 hold the opcode, the header follows, then `operands` one after
    /// another from bit 24. `blank` is any value of `Root`; decoding overwrites every property of it.
    public init(_ opcode: Opcode, blank: Root, operands: [Row]) {
        let opcodeField = InstructionField(name: "opcode", offset: 0, width: Opcode.bits,
                                           encoding: .enumeration([.init(code: opcode.rawValue, name: opcode.mnemonic)]),
                                           meaning: "operation")
        let header = Self.place(Self.header, from: Opcode.bits)
        precondition(header.end == InstructionLayout.headerBits, "\(opcode.mnemonic): the header ends at bit \(header.end)")
        let placed = Self.place(operands, from: header.end)
        bindings = header.bindings + placed.bindings
        let properties = bindings.map { $0.property as AnyKeyPath }
        precondition(Set(properties).count == properties.count, "\(opcode.mnemonic): two fields hold the same property")
        layout = InstructionLayout(opcode: opcode, fields: [opcodeField] + bindings.map(\.field))
        self.blank = blank
    }

    /// The four token bits and the layer, bits 4–23 of every instruction.
    private static var header: [Row] {
        [
            .field("popPrevious", \.dependencies.popPrevious, 1, .flag, "take a token from the previous unit before starting"),
            .field("popNext", \.dependencies.popNext, 1, .flag, "take a token from the next unit before starting"),
            .field("pushPrevious", \.dependencies.pushPrevious, 1, .flag, "give the previous unit a token when done"),
            .field("pushNext", \.dependencies.pushNext, 1, .flag, "give the next unit a token when done"),
            .field("layer", \.layer, 16, .unsigned, "index into the program's layer table"),
        ]
    }

    /// `rows` placed one after another from bit `start`, and the bit after the last.
    private static func place(_ rows: [Row], from start: Int) -> (bindings: [FieldBinding<Root>], end: Int) {
        var bindings: [FieldBinding<Root>] = []
        var offset = start
        for row in rows {
            if let binding = row.place(offset) { bindings.append(binding) }
            offset += row.width
        }
        return (bindings, offset)
    }
}
