extension Instruction {
    /// The layout of this instruction's opcode.
    public var layout: InstructionLayout {
        switch self {
        case .load: return .load
        case .gemm: return .gemm
        case .post: return .post
        case .pool: return .pool
        case .alu: return .alu
        case .store: return .store
        case .sync: return .sync
        case .end: return .end
        }
    }

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
        var writer = FieldWriter(layout: layout)
        let flags = dependencies
        try writer.put("opcode", writer.layout.opcode, layer: layer)
        try writer.put("popPrevious", flags.popPrevious ? 1 : 0, layer: layer)
        try writer.put("popNext", flags.popNext ? 1 : 0, layer: layer)
        try writer.put("pushPrevious", flags.pushPrevious ? 1 : 0, layer: layer)
        try writer.put("pushNext", flags.pushNext ? 1 : 0, layer: layer)
        try writer.put("layer", layer, layer: layer)
        try forEachOperand { name, value in try writer.put(name, value, layer: layer) }
        assert(writer.position == layout.fields.count, "\(mnemonic): \(writer.position) of \(layout.fields.count) fields written")
        for word in writer.words {
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
        let opcode = Int(words[0] & 0xF)
        guard let layout = InstructionLayout.forOpcode(opcode) else {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "unknown opcode \(opcode)")
        }
        for word in words.indices where words[word] & ~layout.usedBits[word] != 0 {
            let bit = 64 * word + (words[word] & ~layout.usedBits[word]).trailingZeroBitCount
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "\(layout.mnemonic): reserved bit \(bit) is set")
        }
        var reader = FieldReader(layout: layout, words: words, index: index)
        _ = try reader.int("opcode")
        let dependencies = DependencyFlags(popPrevious: try reader.bool("popPrevious"), popNext: try reader.bool("popNext"),
                                           pushPrevious: try reader.bool("pushPrevious"), pushNext: try reader.bool("pushNext"))
        let layer = try reader.int("layer")
        self = try Self.decodeOperands(opcode: opcode, dependencies: dependencies, layer: layer, reader: &reader)
        assert(reader.position == layout.fields.count, "\(layout.mnemonic): \(reader.position) of \(layout.fields.count) fields read")
        if let bit = Self.illegalTokenBit(dependencies, unit: unit) {
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

    /// Calls `body` with each operand's name and value, in layout order (header excluded).
    package func forEachOperand(_ body: (String, Int) throws -> Void) rethrows {
        switch self {
        case .load(let i):
            try body("buffer", InstructionLayout.bufferCode(i.buffer))
            try body("elementBytes", i.elementBytes)
            try body("dramAddress", i.dramAddress)
            try body("sramAddress", i.sramAddress)
            try body("depth", i.depth)
            try body("rows", i.rows)
            try body("columns", i.columns)
            try body("dramPlaneStride", i.dramPlaneStride)
            try body("dramRowStride", i.dramRowStride)
            try body("padTop", i.padTop)
            try body("padBottom", i.padBottom)
            try body("padLeft", i.padLeft)
            try body("padRight", i.padRight)
            try body("padValue", Int(i.padValue))
        case .gemm(let i):
            try body("elementBytes", i.elementBytes)
            try body("accumulatorBytes", i.accumulatorBytes)
            try body("reset", i.reset ? 1 : 0)
            try body("inputAddress", i.inputAddress)
            try body("inputPlanePitch", i.inputPlanePitch)
            try body("inputRowPitch", i.inputRowPitch)
            try body("weightAddress", i.weightAddress)
            try body("accumulatorAddress", i.accumulatorAddress)
            try body("outputChannels", i.outputChannels)
            try body("inputChannels", i.inputChannels)
            try body("outputRows", i.outputRows)
            try body("outputColumns", i.outputColumns)
            try body("kernelHeight", i.kernelHeight)
            try body("kernelWidth", i.kernelWidth)
            try body("strideHeight", i.strideHeight)
            try body("strideWidth", i.strideWidth)
            try body("dilationHeight", i.dilationHeight)
            try body("dilationWidth", i.dilationWidth)
        case .post(let i):
            try body("elementBytes", i.elementBytes)
            try body("accumulatorBytes", i.accumulatorBytes)
            try body("accumulatorAddress", i.accumulatorAddress)
            try body("parameterAddress", i.parameterAddress)
            try body("channels", i.channels)
            try body("rows", i.rows)
            try body("columns", i.columns)
            try body("requantization", i.requantization.rawValue)
            try body("saturate", i.saturate ? 1 : 0)
            try body("outputZeroPoint", Int(i.outputZeroPoint))
            try body("clampLow", Int(i.clampLow))
            try body("clampHigh", Int(i.clampHigh))
            try Self.forEachOperand(of: i.destination, body)
        case .pool(let i):
            try body("elementBytes", i.elementBytes)
            try body("kind", i.kind.rawValue)
            try body("inputAddress", i.inputAddress)
            try body("inputPlanePitch", i.inputPlanePitch)
            try body("inputRowPitch", i.inputRowPitch)
            try body("channels", i.channels)
            try body("outputRows", i.outputRows)
            try body("outputColumns", i.outputColumns)
            try body("kernelHeight", i.kernelHeight)
            try body("kernelWidth", i.kernelWidth)
            try body("strideHeight", i.strideHeight)
            try body("strideWidth", i.strideWidth)
            try body("inputZeroPoint", Int(i.inputZeroPoint))
            try body("outputZeroPoint", Int(i.outputZeroPoint))
            try body("multiplier", Int(i.multiplier))
            try body("shift", i.shift)
            try body("clampLow", Int(i.clampLow))
            try body("clampHigh", Int(i.clampHigh))
            try Self.forEachOperand(of: i.destination, body)
        case .alu(let i):
            try body("elementBytes", i.elementBytes)
            try body("operation", i.operation.rawValue)
            try body("inputAddress", i.inputAddress)
            try body("inputPlanePitch", i.inputPlanePitch)
            try body("inputRowPitch", i.inputRowPitch)
            try body("channels", i.channels)
            try body("rows", i.rows)
            try body("columns", i.columns)
            try body("tableAddress", i.tableAddress)
            try body("clampLow", Int(i.clampLow))
            try body("clampHigh", Int(i.clampHigh))
            try Self.forEachOperand(of: i.destination, body)
        case .store(let i):
            try body("elementBytes", i.elementBytes)
            try body("sramAddress", i.sramAddress)
            try body("dramAddress", i.dramAddress)
            try body("depth", i.depth)
            try body("rows", i.rows)
            try body("columns", i.columns)
            try body("dramPlaneStride", i.dramPlaneStride)
            try body("dramRowStride", i.dramRowStride)
        case .sync(let i):
            try body("unit", i.unit.rawValue)
        case .end:
            break
        }
    }

    private static func forEachOperand(of destination: StridedDestination, _ body: (String, Int) throws -> Void) rethrows {
        try body("destination.buffer", InstructionLayout.bufferCode(destination.buffer))
        try body("destination.address", destination.address)
        try body("destination.planePitch", destination.planePitch)
        try body("destination.rowPitch", destination.rowPitch)
    }

    /// Builds the instruction of `opcode` from its operands, read in layout order.
    private static func decodeOperands(opcode: Int, dependencies d: DependencyFlags, layer: Int,
                                       reader r: inout FieldReader) throws -> Instruction {
        switch opcode {
        case InstructionLayout.load.opcode:
            return .load(LoadInstruction(
                dependencies: d, layer: layer, buffer: try r.buffer("buffer"), elementBytes: try r.int("elementBytes"),
                dramAddress: try r.int("dramAddress"), sramAddress: try r.int("sramAddress"), depth: try r.int("depth"),
                rows: try r.int("rows"), columns: try r.int("columns"), dramPlaneStride: try r.int("dramPlaneStride"),
                dramRowStride: try r.int("dramRowStride"), padTop: try r.int("padTop"), padBottom: try r.int("padBottom"),
                padLeft: try r.int("padLeft"), padRight: try r.int("padRight"), padValue: try r.int32("padValue")))
        case InstructionLayout.gemm.opcode:
            return .gemm(GemmInstruction(
                dependencies: d, layer: layer, elementBytes: try r.int("elementBytes"),
                accumulatorBytes: try r.int("accumulatorBytes"), reset: try r.bool("reset"),
                inputAddress: try r.int("inputAddress"), inputPlanePitch: try r.int("inputPlanePitch"),
                inputRowPitch: try r.int("inputRowPitch"), weightAddress: try r.int("weightAddress"),
                accumulatorAddress: try r.int("accumulatorAddress"), outputChannels: try r.int("outputChannels"),
                inputChannels: try r.int("inputChannels"), outputRows: try r.int("outputRows"),
                outputColumns: try r.int("outputColumns"), kernelHeight: try r.int("kernelHeight"),
                kernelWidth: try r.int("kernelWidth"), strideHeight: try r.int("strideHeight"),
                strideWidth: try r.int("strideWidth"), dilationHeight: try r.int("dilationHeight"),
                dilationWidth: try r.int("dilationWidth")))
        case InstructionLayout.post.opcode:
            return .post(PostInstruction(
                dependencies: d, layer: layer, elementBytes: try r.int("elementBytes"),
                accumulatorBytes: try r.int("accumulatorBytes"), accumulatorAddress: try r.int("accumulatorAddress"),
                parameterAddress: try r.int("parameterAddress"), channels: try r.int("channels"), rows: try r.int("rows"),
                columns: try r.int("columns"), requantization: try r.enumeration("requantization"),
                saturate: try r.bool("saturate"), outputZeroPoint: try r.int32("outputZeroPoint"),
                clampLow: try r.int32("clampLow"), clampHigh: try r.int32("clampHigh"), destination: try r.destination()))
        case InstructionLayout.pool.opcode:
            return .pool(PoolInstruction(
                dependencies: d, layer: layer, elementBytes: try r.int("elementBytes"), kind: try r.enumeration("kind"),
                inputAddress: try r.int("inputAddress"), inputPlanePitch: try r.int("inputPlanePitch"),
                inputRowPitch: try r.int("inputRowPitch"), channels: try r.int("channels"),
                outputRows: try r.int("outputRows"), outputColumns: try r.int("outputColumns"),
                kernelHeight: try r.int("kernelHeight"), kernelWidth: try r.int("kernelWidth"),
                strideHeight: try r.int("strideHeight"), strideWidth: try r.int("strideWidth"),
                inputZeroPoint: try r.int32("inputZeroPoint"), outputZeroPoint: try r.int32("outputZeroPoint"),
                multiplier: try r.int32("multiplier"), shift: try r.int("shift"), clampLow: try r.int32("clampLow"),
                clampHigh: try r.int32("clampHigh"), destination: try r.destination()))
        case InstructionLayout.alu.opcode:
            return .alu(ALUInstruction(
                dependencies: d, layer: layer, elementBytes: try r.int("elementBytes"),
                operation: try r.enumeration("operation"), inputAddress: try r.int("inputAddress"),
                inputPlanePitch: try r.int("inputPlanePitch"), inputRowPitch: try r.int("inputRowPitch"),
                channels: try r.int("channels"), rows: try r.int("rows"), columns: try r.int("columns"),
                tableAddress: try r.int("tableAddress"), clampLow: try r.int32("clampLow"),
                clampHigh: try r.int32("clampHigh"), destination: try r.destination()))
        case InstructionLayout.store.opcode:
            return .store(StoreInstruction(
                dependencies: d, layer: layer, elementBytes: try r.int("elementBytes"),
                sramAddress: try r.int("sramAddress"), dramAddress: try r.int("dramAddress"), depth: try r.int("depth"),
                rows: try r.int("rows"), columns: try r.int("columns"), dramPlaneStride: try r.int("dramPlaneStride"),
                dramRowStride: try r.int("dramRowStride")))
        case InstructionLayout.sync.opcode:
            return .sync(SyncInstruction(dependencies: d, layer: layer, unit: try r.enumeration("unit")))
        default:
            return .end(layer: layer)
        }
    }
}

/// Packs field values into the eight words of one instruction, field by field in layout order.
private struct FieldWriter {
    let layout: InstructionLayout
    var words = Array(repeating: UInt64(0), count: Instruction.encodedBytes / 8)
    /// The next field to write.
    var position = 0

    init(layout: InstructionLayout) {
        self.layout = layout
    }

    mutating func put(_ name: String, _ value: Int, layer: Int) throws {
        let field = layout.fields[position]
        assert(field.name == name, "\(layout.mnemonic): operand \(name) where the layout has \(field.name)")
        guard let raw = field.raw(for: value) else {
            throw AcceleratorError.fieldOutOfRange(mnemonic: layout.mnemonic, field: name, value: value, bits: field.width, layer: layer)
        }
        field.insert(raw, into: &words)
        position += 1
    }
}

/// Reads field values out of the eight words of one instruction, field by field in layout order.
private struct FieldReader {
    let layout: InstructionLayout
    let words: [UInt64]
    /// The instruction's position in its stream, for errors.
    let index: Int
    /// The next field to read.
    var position = 0

    mutating func int(_ name: String) throws -> Int {
        let field = layout.fields[position]
        assert(field.name == name, "\(layout.mnemonic): operand \(name) where the layout has \(field.name)")
        let raw = field.extract(from: words)
        guard let value = field.value(forRaw: raw) else {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "\(layout.mnemonic): field '\(name)' may not hold \(raw)")
        }
        position += 1
        return value
    }

    mutating func int32(_ name: String) throws -> Int32 {
        Int32(truncatingIfNeeded: try int(name))
    }

    mutating func bool(_ name: String) throws -> Bool {
        try int(name) == 1
    }

    mutating func buffer(_ name: String) throws -> SRAMBuffer.Role {
        InstructionLayout.bufferRoles[try int(name)]
    }

    mutating func enumeration<Kind: RawRepresentable<Int>>(_ name: String) throws -> Kind {
        let code = try int(name)
        guard let value = Kind(rawValue: code) else {
            throw AcceleratorError.illegalEncoding(instruction: index, reason: "\(layout.mnemonic): field '\(name)' may not hold \(code)")
        }
        return value
    }

    mutating func destination() throws -> StridedDestination {
        StridedDestination(buffer: try buffer("destination.buffer"), address: try int("destination.address"),
                           planePitch: try int("destination.planePitch"), rowPitch: try int("destination.rowPitch"))
    }
}
