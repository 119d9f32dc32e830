/// Readable text of an instruction stream, one line per instruction (`vggc disasm`):
///
/// ```
///      4 compute GEMM  [pop:load] elementBytes=1 ... inputAddress=in@0x0040 ... ; conv1_1
/// ```
/// The columns are the stream index, the executing unit, the mnemonic, the token bits (the
/// neighbour each pop takes from and each push gives to), every operand as `name=value` in layout
/// order, and the layer's name. Addresses are hex with their memory (`dram@`, `in@`, `wgt@`,
/// `acc@`, `out@`); a field that only selects the buffer of an address shows as that address's
/// prefix. The text depends on nothing but its arguments.
public enum Disassembler {
    /// All lines of `instructions`, each ending in a newline; `layerNames` maps layer indices to
    /// names (an index past its end prints as `#index`).
    public static func text(_ instructions: [Instruction], layerNames: [String]) -> String {
        var text = ""
        for (index, instruction) in instructions.enumerated() {
            text += line(instruction, index: index, layerName: instruction.layerName(in: layerNames)) + "\n"
        }
        return text
    }

    /// One instruction's line, without a newline.
    public static func line(_ instruction: Instruction, index: Int, layerName: String) -> String {
        var columns = [
            leftPadded(String(index), to: 6),
            rightPadded(instruction.unit?.name ?? "-", to: 7),
            rightPadded(instruction.mnemonic, to: 5),
            tokens(instruction),
        ]
        columns += operands(instruction)
        columns.append("; \(layerName)")
        return columns.joined(separator: " ")
    }

    /// `[pop:load push:store]`: each set bit with the neighbour it names (`?` where there is none).
    package static func tokens(_ instruction: Instruction) -> String {
        let flags = instruction.dependencies
        let unit = instruction.unit
        let bits = [("pop", flags.popPrevious, unit?.previous), ("pop", flags.popNext, unit?.next),
                    ("push", flags.pushPrevious, unit?.previous), ("push", flags.pushNext, unit?.next)]
        let set = bits.filter { $0.1 }.map { "\($0.0):\($0.2?.name ?? "?")" }
        return "[" + set.joined(separator: " ") + "]"
    }

    /// `name=value` for each operand, in layout order, buffer selectors folded into their addresses.
    package static func operands(_ instruction: Instruction) -> [String] {
        let operands = instruction.fieldEncoded.fieldValues.filter { $0.field.offset >= InstructionLayout.headerBits }
        let selectors = operands.compactMap { operand -> String? in
            if case .address(.bufferSelectedBy(let selector)) = operand.field.encoding { return selector }
            return nil
        }
        return operands.filter { !selectors.contains($0.field.name) }.map { operand in
            "\(operand.field.name)=\(format(operand.value, of: operand.field, operands: operands))"
        }
    }

    private static func format(_ value: Int, of field: InstructionField,
                               operands: [(field: InstructionField, value: Int)]) -> String {
        switch field.encoding {
        case .unsigned, .signed, .log2:
            return String(value)
        case .flag:
            return value == 1 ? "true" : "false"
        case .enumeration(let cases):
            return cases.first { $0.code == value }?.name ?? String(value)
        case .address(.dram):
            return "dram@0x" + leftPadded(String(value, radix: 16), to: 8, with: "0")
        case .address(.buffer(let role)):
            return sramAddress(value, in: role)
        case .address(.bufferSelectedBy(let selector)):
            let code = operands.first { $0.field.name == selector }?.value
            guard let role = code.flatMap(SRAMBuffer.Role.init(fieldValue:)) else { return "?@0x" + String(value, radix: 16) }
            return sramAddress(value, in: role)
        }
    }

    /// `in@0x0040`.
    private static func sramAddress(_ address: Int, in role: SRAMBuffer.Role) -> String {
        let prefix: String
        switch role {
        case .input: prefix = "in"
        case .weight: prefix = "wgt"
        case .accumulator: prefix = "acc"
        case .output: prefix = "out"
        }
        return prefix + "@0x" + leftPadded(String(address, radix: 16), to: 4, with: "0")
    }

    private static func leftPadded(_ text: String, to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - text.count)) + text
    }

    private static func rightPadded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
