import IR
import Accelerator

/// Reads one line of `Disassembler` text back into the instruction it shows, through the
/// instruction's encoding: every operand is packed into its field and the 64 bytes are decoded, so
/// the text must name every operand with a value its field can hold.
enum InstructionLineParser {
    /// The stream position and instruction of `line` (`  4 compute GEMM  [pop:load] … ; conv1`),
    /// which belongs to layer `layer`. Throws `IRAttributeValue.Problem` saying what does not fit.
    static func parse(_ line: Substring, layer: Int) throws -> (position: Int, instruction: Instruction) {
        guard let separator = line.range(of: " ; "), let open = line.firstIndex(of: "["),
              let close = line[open...].firstIndex(of: "]"), close < separator.lowerBound else {
            throw IRAttributeValue.Problem(detail: "expected 'INDEX UNIT MNEMONIC [TOKENS] OPERANDS ; LAYER', found '\(line)'")
        }
        let columns = line[..<open].split(separator: " ")
        guard columns.count == 3, let position = Int(columns[0]) else {
            throw IRAttributeValue.Problem(detail: "expected the index, unit and mnemonic before '[', found '\(line[..<open])'")
        }
        guard let layout = Opcode.allCases.map(\.layout).first(where: { $0.mnemonic == columns[2] }) else {
            throw IRAttributeValue.Problem(detail: "unknown mnemonic '\(columns[2])'")
        }
        let unit = ExecutionUnit.allCases.first { $0.name == columns[1] }
        let flags = try dependencies(line[line.index(after: open)..<close], unit: unit)
        var operands = try operandTexts(line[line.index(after: close)..<separator.lowerBound])
        var values = [layout.opcode.rawValue, flags.popPrevious ? 1 : 0, flags.popNext ? 1 : 0, flags.pushPrevious ? 1 : 0,
                      flags.pushNext ? 1 : 0, layer]
        var selected: [String: Int] = [:]
        for field in layout.operands where !isSelector(field, in: layout) {
            guard let text = operands.removeValue(forKey: field.name) else {
                throw IRAttributeValue.Problem(detail: "\(layout.mnemonic) needs operand '\(field.name)'")
            }
            let (value, selection) = try self.value(text, of: field)
            if let selection { selected[selection.selector] = selection.code }
            values.append(value)
        }
        if let extra = operands.keys.sorted().first {
            throw IRAttributeValue.Problem(detail: "\(layout.mnemonic) has no operand '\(extra)'")
        }
        return (position, try decode(layout, values: values, selected: selected, position: position))
    }

    /// The SRAM buffer each address prefix names.
    private static let prefixes: [(prefix: String, role: SRAMBuffer.Role)] = [
        ("in", .input), ("wgt", .weight), ("acc", .accumulator), ("out", .output),
    ]

    /// `pop:load push:store`: each bit with the neighbour of `unit` it names.
    private static func dependencies(_ text: Substring, unit: ExecutionUnit?) throws -> DependencyFlags {
        var flags = DependencyFlags.none
        for bit in text.split(separator: " ") {
            let parts = bit.split(separator: ":")
            let previous = parts.count == 2 && parts[1] == unit?.previous?.name[...]
            let next = parts.count == 2 && parts[1] == unit?.next?.name[...]
            switch (parts.first, previous, next) {
            case ("pop", true, false): flags.popPrevious = true
            case ("pop", false, true): flags.popNext = true
            case ("push", true, false): flags.pushPrevious = true
            case ("push", false, true): flags.pushNext = true
            default: throw IRAttributeValue.Problem(detail: "token bit '\(bit)' names no neighbour of the \(unit?.name ?? "END") unit")
            }
        }
        return flags
    }

    /// `name=value` pairs.
    private static func operandTexts(_ text: Substring) throws -> [String: Substring] {
        var operands: [String: Substring] = [:]
        for pair in text.split(separator: " ") {
            guard let equals = pair.firstIndex(of: "="),
                  operands.updateValue(pair[pair.index(after: equals)...], forKey: String(pair[..<equals])) == nil else {
                throw IRAttributeValue.Problem(detail: "expected one 'name=value' per operand, found '\(pair)'")
            }
        }
        return operands
    }

    /// Whether some address of `layout` takes its buffer from `field`.
    private static func isSelector(_ field: InstructionField, in layout: InstructionLayout) -> Bool {
        layout.operands.contains { $0.encoding == .address(.bufferSelectedBy(field.name)) }
    }

    /// The field value `text` shows, and for an address whose buffer a selector field names, that
    /// field's code.
    private static func value(_ text: Substring, of field: InstructionField) throws -> (Int, (selector: String, code: Int)?) {
        switch field.encoding {
        case .unsigned, .signed, .log2:
            guard let value = Int(text) else { throw IRAttributeValue.Problem(detail: "\(field.name)=\(text) is not a number") }
            return (value, nil)
        case .flag:
            guard text == "true" || text == "false" else { throw IRAttributeValue.Problem(detail: "\(field.name)=\(text) is not true or false") }
            return (text == "true" ? 1 : 0, nil)
        case .enumeration(let cases):
            guard let match = cases.first(where: { $0.name == text }) else {
                throw IRAttributeValue.Problem(detail: "\(field.name)=\(text) is none of \(cases.map(\.name))")
            }
            return (match.code, nil)
        case .address(.dram):
            return (try address(text, prefix: "dram", field), nil)
        case .address(.buffer(let role)):
            let prefix = prefixes.first { $0.role == role }?.prefix ?? ""
            return (try address(text, prefix: prefix, field), nil)
        case .address(.bufferSelectedBy(let selector)):
            guard let match = prefixes.first(where: { text.hasPrefix($0.prefix + "@") }) else {
                throw IRAttributeValue.Problem(detail: "\(field.name)=\(text) names no SRAM buffer")
            }
            return (try address(text, prefix: match.prefix, field), (selector, match.role.fieldValue))
        }
    }

    /// `PREFIX@0xHEX`.
    private static func address(_ text: Substring, prefix: String, _ field: InstructionField) throws -> Int {
        guard text.hasPrefix(prefix + "@0x"), let value = Int(text.dropFirst(prefix.count + 3), radix: 16) else {
            throw IRAttributeValue.Problem(detail: "\(field.name)=\(text) is not \(prefix)@0xHEX")
        }
        return value
    }

    /// Packs `values` (header, then operands without selectors) and the selector codes into the
    /// layout's fields and decodes the instruction.
    private static func decode(_ layout: InstructionLayout, values: [Int], selected: [String: Int],
                               position: Int) throws -> Instruction {
        var words = Array(repeating: UInt64(0), count: Instruction.encodedBytes / 8)
        var remaining = values[...]
        for field in layout.fields {
            let value: Int
            if let code = selected[field.name] {
                value = code
            } else if let next = remaining.popFirst() {
                value = next
            } else {
                throw IRAttributeValue.Problem(detail: "\(layout.mnemonic) lacks field '\(field.name)'")
            }
            guard let raw = field.raw(for: value) else {
                throw IRAttributeValue.Problem(detail: "\(layout.mnemonic) field '\(field.name)' cannot hold \(value)")
            }
            field.insert(raw, into: &words)
        }
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64(8 * $0)) } }
        do {
            return try Instruction(decoding: bytes[...], index: position)
        } catch let error as AcceleratorError {
            throw IRAttributeValue.Problem(detail: error.errorDescription ?? "\(error)")
        }
    }
}
