extension Instruction {
    /// The 64 bytes of this instruction (docs/ISA.md). Throws `AcceleratorError.fieldOutOfRange` naming
    /// the first field whose value its bits cannot hold, and `AcceleratorError.illegalDependency` (with
    /// `index` as the instruction's position) for a token bit toward a unit the executing unit has
    /// no link to.
    public func encoded(index: Int = 0) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.encodedBytes)
        try encode(appendingTo: &bytes, index: index)
        return bytes
    }

    /// Appends the 64 bytes of `encoded(index:)` to `bytes`.
    package func encode(appendingTo bytes: inout [UInt8], index: Int) throws {
        if let bit = Self.illegalTokenBit(dependencies, unit: unit) {
            throw AcceleratorError.illegalDependency(instruction: index, layer: layer, mnemonic: mnemonic, bit: bit)
        }
        for word in try fieldEncoded.encodedWords() {
            for byte in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(8 * byte))) }
        }
    }

    /// Decodes the 64 bytes of one instruction; `index` is its position in the stream, for errors.
    /// Throws `AcceleratorError.illegalEncoding` for a wrong length, an unknown opcode, a reserved bit
    /// set, a value a field may not hold, or a token bit toward a missing neighbour.
    public init(decoding bytes: ArraySlice<UInt8>, index: Int) throws {
        guard bytes.count == Self.encodedBytes else {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "\(bytes.count) bytes; an instruction is \(Self.encodedBytes)")
        }
        var words = Array(repeating: UInt64(0), count: Self.encodedBytes / 8)
        for (position, byte) in bytes.enumerated() { words[position / 8] |= UInt64(byte) << UInt64(8 * (position % 8)) }
        let code = Int(words[0] & (1 << UInt64(Opcode.bits) - 1))
        guard let opcode = Opcode(rawValue: code) else {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "unknown opcode \(code)")
        }
        let decoded = try opcode.instructionType.decoding(words, index: index)
        self = decoded.instruction
        if let bit = Self.illegalTokenBit(decoded.dependencies, unit: unit) {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "\(mnemonic): the \(bit) token bit names a neighbour \(unit.map { "the \($0.name) unit" } ?? "END") does not have")
        }
    }

    /// The first token bit of `flags` (as `pop-previous` etc.) toward a neighbour `unit` lacks;
    /// `END` (no unit) may carry none.
    private static func illegalTokenBit(_ flags: DependencyFlags, unit: ExecutionUnit?) -> String? {
        let bits = [("pop-previous", flags.popPrevious, unit?.previous), ("pop-next", flags.popNext, unit?.next),
                    ("push-previous", flags.pushPrevious, unit?.previous), ("push-next", flags.pushNext, unit?.next)]
        return bits.first { $0.1 && $0.2 == nil }?.0
    }

    /// This instruction as the value of its type, whose field table encodes it.
    var fieldEncoded: any FieldEncodedInstruction {
        switch self {
        case .load(let load): return load
        case .gemm(let gemm): return gemm
        case .post(let post): return post
        case .pool(let pool): return pool
        case .alu(let alu): return alu
        case .store(let store): return store
        case .sync(let sync): return sync
        case .end(let layer): return EndInstruction(layer: layer)
        case .add(let add): return add
        }
    }
}
