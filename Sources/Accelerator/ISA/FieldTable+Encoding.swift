extension FieldTable {
    /// The eight little-endian 64-bit words of `instruction`. Throws
    /// `AcceleratorError.fieldOutOfRange` naming the first field whose bits cannot hold its
    /// property's value.
    func words(of instruction: Root) throws -> [UInt64] {
        var words = Array(repeating: UInt64(0), count: InstructionLayout.bits / 64)
        words[0] = UInt64(layout.opcode.rawValue)
        for binding in bindings {
            let value = binding.value(in: instruction)
            guard let raw = binding.field.raw(for: value) else {
                throw AcceleratorError.fieldOutOfRange(mnemonic: layout.mnemonic, field: binding.field.name, value: value,
                                                       bits: binding.field.width, layer: instruction.layer)
            }
            binding.field.insert(raw, into: &words)
        }
        return words
    }

    /// The instruction `words` encode, built by writing each field through its property into
    /// `blank`; their opcode is this table's. `index` is the instruction's position in its stream.
    /// Throws `AcceleratorError.illegalEncoding` for a reserved bit set or a value a field may not
    /// hold.
    func instruction(decoding words: [UInt64], index: Int) throws -> Root {
        if let bit = layout.firstReservedBitSet(in: words) {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "\(layout.mnemonic): reserved bit \(bit) is set")
        }
        var instruction = blank
        for binding in bindings {
            let raw = binding.field.extract(from: words)
            guard let value = binding.field.value(forRaw: raw), binding.store(value, into: &instruction) else {
                throw AcceleratorError.illegalEncoding(instruction: index,
                                                       reason: "\(layout.mnemonic): field '\(binding.field.name)' may not hold \(raw)")
            }
        }
        return instruction
    }

    /// Every bound field with its value in `instruction`, in bit order.
    func values(in instruction: Root) -> [(field: InstructionField, value: Int)] {
        bindings.map { ($0.field, $0.value(in: instruction)) }
    }
}
