/// The bit layout of one opcode: the single source of truth for the encoder, the decoder, the
/// disassembler and the tables in docs/ISA.md.
///
/// Every instruction is 512 bits. Bits 0–23 are the common header (`opcode`, the four token bits,
/// `layer`); the opcode's operands follow, packed in declaration order from bit 24. Bits that no
/// field covers are reserved and must be zero.
public struct InstructionLayout: Hashable, Sendable {
    public let opcode: Int
    public let mnemonic: String
    /// The header fields then the operand fields, in bit order.
    public let fields: [InstructionField]

    /// Bits per instruction.
    public static let bits = Instruction.encodedBytes * 8
    /// Bits of the common header.
    public static let headerBits = 24
    /// Header fields: opcode, `popPrevious`, `popNext`, `pushPrevious`, `pushNext`, `layer`.
    public static let headerFieldCount = 6

    /// The operand fields, after the header.
    public var operands: ArraySlice<InstructionField> { fields.dropFirst(Self.headerFieldCount) }

    /// For each of the eight 64-bit words, the bits some field covers.
    public let usedBits: [UInt64]

    /// The field named `name`, if the layout has one.
    public func field(named name: String) -> InstructionField? {
        fields.first { $0.name == name }
    }

    /// The SRAM buffer each 2-bit buffer code names: input 0, weight 1, accumulator 2, output 3.
    public static let bufferRoles: [SRAMBuffer.Role] = [.input, .weight, .accumulator, .output]

    /// The 2-bit code of `role`.
    public static func bufferCode(_ role: SRAMBuffer.Role) -> Int {
        switch role {
        case .input: return 0
        case .weight: return 1
        case .accumulator: return 2
        case .output: return 3
        }
    }

    /// The layout of `opcode`, or `nil` for an illegal opcode.
    public static func forOpcode(_ opcode: Int) -> InstructionLayout? {
        all.first { $0.opcode == opcode }
    }

    /// Every opcode's layout, by opcode.
    public static let all: [InstructionLayout] = [load, gemm, post, pool, alu, store, sync, end]

    public static let load = InstructionLayout(opcode: 1, mnemonic: "LOAD", operands: [
        .init("buffer", 2, buffers([.input, .weight]), "SRAM buffer written"),
        .init("elementBytes", 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element"),
        .init("dramAddress", 40, .address(.dram), "DRAM byte address of the first element read"),
        .init("sramAddress", 24, .address(.bufferSelectedBy("buffer")), "byte address in `buffer` of the box's first element"),
        .init("depth", 16, .unsigned, "planes (channels, or weight rows)"),
        .init("rows", 16, .unsigned, "rows read per plane"),
        .init("columns", 16, .unsigned, "elements read per row"),
        .init("dramPlaneStride", 40, .unsigned, "bytes between planes in DRAM"),
        .init("dramRowStride", 32, .unsigned, "bytes between rows in DRAM"),
        .init("padTop", 8, .unsigned, "padding rows above each plane"),
        .init("padBottom", 8, .unsigned, "padding rows below each plane"),
        .init("padLeft", 8, .unsigned, "padding elements left of each row"),
        .init("padRight", 8, .unsigned, "padding elements right of each row"),
        .init("padValue", 32, .signed, "value written into the padding"),
    ])

    public static let gemm = InstructionLayout(opcode: 2, mnemonic: "GEMM", operands: [
        .init("elementBytes", 2, .log2(allowed: [1, 2, 4, 8]), "bytes per input and weight element"),
        .init("accumulatorBytes", 2, .log2(allowed: [4, 8]), "bytes per accumulator entry"),
        .init("reset", 1, .flag, "start from zero instead of the stored partial sums"),
        .init("inputAddress", 24, .address(.buffer(.input)), "byte address of the input box"),
        .init("inputPlanePitch", 32, .unsigned, "elements between input channel planes"),
        .init("inputRowPitch", 16, .unsigned, "elements between input rows"),
        .init("weightAddress", 24, .address(.buffer(.weight)), "byte address of the weights, `[outputChannels][inputChannels][kh][kw]`"),
        .init("accumulatorAddress", 24, .address(.buffer(.accumulator)), "byte address of the partial sums, `[outputChannels][outputRows][outputColumns]`"),
        .init("outputChannels", 16, .unsigned, "output channels"),
        .init("inputChannels", 16, .unsigned, "input channels"),
        .init("outputRows", 16, .unsigned, "output rows"),
        .init("outputColumns", 16, .unsigned, "output columns"),
        .init("kernelHeight", 8, .unsigned, "kernel rows"),
        .init("kernelWidth", 8, .unsigned, "kernel columns"),
        .init("strideHeight", 8, .unsigned, "input rows between output rows"),
        .init("strideWidth", 8, .unsigned, "input columns between output columns"),
        .init("dilationHeight", 8, .unsigned, "input rows between kernel rows"),
        .init("dilationWidth", 8, .unsigned, "input columns between kernel columns"),
    ])

    public static let post = InstructionLayout(opcode: 3, mnemonic: "POST", operands: [
        .init("elementBytes", 2, .log2(allowed: [1, 2, 4, 8]), "bytes per stored value written"),
        .init("accumulatorBytes", 2, .log2(allowed: [4, 8]), "bytes per accumulator entry"),
        .init("accumulatorAddress", 24, .address(.buffer(.accumulator)), "byte address of the tile, `[channels][rows][columns]`"),
        .init("parameterAddress", 24, .address(.buffer(.weight)), "byte address of `channels` 12-byte records (bias, multiplier, shift)"),
        .init("channels", 16, .unsigned, "channels"),
        .init("rows", 16, .unsigned, "rows"),
        .init("columns", 16, .unsigned, "columns"),
        .init("requantization", 2, enumeration(RequantizationKind.self), "how the accumulator is scaled"),
        .init("saturate", 1, .flag, "clamp `accumulator + bias` to int32 before requantizing"),
        .init("outputZeroPoint", 32, .signed, "added after requantization"),
        .init("clampLow", 32, .signed, "lowest value written"),
        .init("clampHigh", 32, .signed, "highest value written"),
    ] + destination)

    public static let pool = InstructionLayout(opcode: 4, mnemonic: "POOL", operands: [
        .init("elementBytes", 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element read and written"),
        .init("kind", 1, enumeration(PoolKind.self), "reduction"),
        .init("inputAddress", 24, .address(.buffer(.input)), "byte address of the (padded) input box"),
        .init("inputPlanePitch", 32, .unsigned, "elements between channel planes"),
        .init("inputRowPitch", 16, .unsigned, "elements between rows"),
        .init("channels", 16, .unsigned, "channels"),
        .init("outputRows", 16, .unsigned, "output rows"),
        .init("outputColumns", 16, .unsigned, "output columns"),
        .init("kernelHeight", 16, .unsigned, "window rows"),
        .init("kernelWidth", 16, .unsigned, "window columns"),
        .init("strideHeight", 16, .unsigned, "input rows between windows"),
        .init("strideWidth", 16, .unsigned, "input columns between windows"),
        .init("inputZeroPoint", 32, .signed, "subtracted from each tap (average)"),
        .init("outputZeroPoint", 32, .signed, "added after scaling (average)"),
        .init("multiplier", 31, .unsigned, "the reciprocal's multiplier (average); 0 for max"),
        .reserved(1),
        .init("shift", 6, .unsigned, "the reciprocal's right shift (average)"),
        .init("clampLow", 32, .signed, "lowest value written"),
        .init("clampHigh", 32, .signed, "highest value written"),
    ] + destination)

    public static let alu = InstructionLayout(opcode: 5, mnemonic: "ALU", operands: [
        .init("elementBytes", 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element read and written"),
        .init("operation", 2, enumeration(ALUOperation.self), "what is computed on each value"),
        .init("inputAddress", 24, .address(.buffer(.input)), "byte address of the input tile"),
        .init("inputPlanePitch", 32, .unsigned, "elements between channel planes"),
        .init("inputRowPitch", 16, .unsigned, "elements between rows"),
        .init("channels", 16, .unsigned, "channels"),
        .init("rows", 16, .unsigned, "rows"),
        .init("columns", 16, .unsigned, "columns"),
        .init("tableAddress", 24, .address(.buffer(.weight)), "byte address of the table or knots; 0 for `clamp`"),
        .init("clampLow", 32, .signed, "lowest value written (`clamp`)"),
        .init("clampHigh", 32, .signed, "highest value written (`clamp`)"),
    ] + destination)

    public static let store = InstructionLayout(opcode: 6, mnemonic: "STORE", operands: [
        .init("elementBytes", 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element"),
        .init("sramAddress", 24, .address(.buffer(.output)), "byte address of the box's first element"),
        .init("dramAddress", 40, .address(.dram), "DRAM byte address of the first element written"),
        .init("depth", 16, .unsigned, "planes"),
        .init("rows", 16, .unsigned, "rows per plane"),
        .init("columns", 16, .unsigned, "elements per row"),
        .init("dramPlaneStride", 40, .unsigned, "bytes between planes in DRAM"),
        .init("dramRowStride", 32, .unsigned, "bytes between rows in DRAM"),
    ])

    public static let sync = InstructionLayout(opcode: 7, mnemonic: "SYNC", operands: [
        .init("unit", 2, .enumeration(ExecutionUnit.allCases.map { .init(code: $0.rawValue, name: $0.name) }),
              "the unit whose queue the instruction joins"),
    ])

    public static let end = InstructionLayout(opcode: 8, mnemonic: "END", operands: [])

    /// `StridedDestination`'s four fields, shared by `POST`, `POOL` and `ALU`.
    private static let destination: [OperandSpec] = [
        .init("destination.buffer", 2, buffers([.input, .output]), "SRAM buffer written"),
        .init("destination.address", 24, .address(.bufferSelectedBy("destination.buffer")), "byte address of element `[0][0][0]`"),
        .init("destination.planePitch", 32, .unsigned, "elements between channel planes"),
        .init("destination.rowPitch", 16, .unsigned, "elements between rows"),
    ]

    /// An enumeration field over the buffer codes of `roles`.
    private static func buffers(_ roles: [SRAMBuffer.Role]) -> InstructionField.Encoding {
        .enumeration(roles.map { .init(code: bufferCode($0), name: $0.rawValue) })
    }

    /// An enumeration field whose codes are the cases' raw values.
    private static func enumeration<Kind: CaseIterable & RawRepresentable<Int>>(_ kind: Kind.Type) -> InstructionField.Encoding {
        .enumeration(kind.allCases.map { .init(code: $0.rawValue, name: String(describing: $0)) })
    }

    /// One operand (or a reserved gap, `name == nil`) before it has a bit position.
    private struct OperandSpec {
        let name: String?
        let width: Int
        let encoding: InstructionField.Encoding
        let meaning: String

        init(_ name: String, _ width: Int, _ encoding: InstructionField.Encoding, _ meaning: String) {
            self.name = name
            self.width = width
            self.encoding = encoding
            self.meaning = meaning
        }

        private init(reservedWidth: Int) {
            name = nil
            width = reservedWidth
            encoding = .unsigned
            meaning = ""
        }

        /// Bits left zero between two fields.
        static func reserved(_ width: Int) -> OperandSpec { OperandSpec(reservedWidth: width) }
    }

    /// Places the header, then `operands` one after another from bit 24.
    private init(opcode: Int, mnemonic: String, operands: [OperandSpec]) {
        var fields = [
            InstructionField(name: "opcode", offset: 0, width: 4,
                             encoding: .enumeration([.init(code: opcode, name: mnemonic)]), meaning: "operation"),
            InstructionField(name: "popPrevious", offset: 4, width: 1, encoding: .flag,
                             meaning: "take a token from the previous unit before starting"),
            InstructionField(name: "popNext", offset: 5, width: 1, encoding: .flag,
                             meaning: "take a token from the next unit before starting"),
            InstructionField(name: "pushPrevious", offset: 6, width: 1, encoding: .flag,
                             meaning: "give the previous unit a token when done"),
            InstructionField(name: "pushNext", offset: 7, width: 1, encoding: .flag,
                             meaning: "give the next unit a token when done"),
            InstructionField(name: "layer", offset: 8, width: 16, encoding: .unsigned,
                             meaning: "index into the program's layer table"),
        ]
        var offset = Self.headerBits
        for spec in operands {
            if let name = spec.name {
                fields.append(InstructionField(name: name, offset: offset, width: spec.width, encoding: spec.encoding,
                                               meaning: spec.meaning))
            }
            offset += spec.width
        }
        precondition(offset <= Self.bits, "\(mnemonic) needs \(offset) bits")
        self.opcode = opcode
        self.mnemonic = mnemonic
        self.fields = fields
        var used = Array(repeating: UInt64(0), count: Self.bits / 64)
        for field in fields { field.insert(field.mask, into: &used) }
        usedBits = used
    }
}
