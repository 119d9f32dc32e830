extension InstructionLayout {
    /// The bit table docs/ISA.md shows for this opcode: one row per field and per reserved gap, in
    /// bit order, up to bit 511.
    public var markdownTable: String {
        var rows = ["| Bits | Width | Field | Encoding | Meaning |", "|---|---|---|---|---|"]
        var next = 0
        for field in fields {
            if field.offset > next { rows.append(Self.reservedRow(from: next, to: field.offset)) }
            rows.append("| \(Self.bitRange(field.offset, field.width)) | \(field.width) | `\(field.name)` | "
                        + "\(Self.describe(field.encoding)) | \(field.meaning) |")
            next = field.offset + field.width
        }
        if next < Self.bits { rows.append(Self.reservedRow(from: next, to: Self.bits)) }
        return rows.joined(separator: "\n") + "\n"
    }

    private static func reservedRow(from start: Int, to end: Int) -> String {
        "| \(bitRange(start, end - start)) | \(end - start) | — | zero | reserved |"
    }

    /// `24–25`, or `4` for one bit.
    private static func bitRange(_ offset: Int, _ width: Int) -> String {
        width == 1 ? String(offset) : "\(offset)–\(offset + width - 1)"
    }

    private static func describe(_ encoding: InstructionField.Encoding) -> String {
        switch encoding {
        case .unsigned:
            return "unsigned"
        case .signed:
            return "two's complement"
        case .log2(let allowed):
            return "log2 of bytes: " + allowed.map { "\($0) → \($0.trailingZeroBitCount)" }.joined(separator: ", ")
        case .flag:
            return "1 = true"
        case .enumeration(let cases):
            return cases.map { "\($0.code) = `\($0.name)`" }.joined(separator: ", ")
        case .address(.dram):
            return "unsigned, DRAM byte address"
        case .address(.buffer(let role)):
            return "unsigned, byte address in `\(role.rawValue)`"
        case .address(.bufferSelectedBy(let selector)):
            return "unsigned, byte address in the buffer `\(selector)` names"
        }
    }
}
