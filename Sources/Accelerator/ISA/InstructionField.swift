/// One field of an encoded instruction: where its bits lie in the 512-bit word and how they
/// represent the field's value (docs/ISA.md, "Encoding conventions"). A `FieldTable` places it.
///
/// A field's *value* is what the instruction type holds, as an `Int` (`FieldRepresentable`): a
/// byte count for `log2` fields, 0 or 1 for flags, the case's code for enumerations. Its *raw*
/// bits are what the word stores.
public struct InstructionField: Hashable, Sendable {
    /// How a field's bits represent its value.
    public enum Encoding: Hashable, Sendable {
        /// A non-negative integer.
        case unsigned
        /// A two's-complement integer.
        case signed
        /// A byte count stored as its base-2 logarithm; only the listed counts are legal.
        case log2(allowed: [Int])
        /// A Bool: 1 is true.
        case flag
        /// A code naming one of the listed cases; every other code is illegal.
        case enumeration([Case])
        /// An unsigned byte address in `space`.
        case address(AddressSpace)

        /// An enumeration over `values`, each coded by its field value and named by its case name.
        public static func cases<Value: FieldRepresentable>(_ values: [Value]) -> Encoding {
            .enumeration(values.map { Case(code: $0.fieldValue, name: String(describing: $0)) })
        }
    }

    /// One legal code of an enumeration field.
    public struct Case: Hashable, Sendable {
        public let code: Int
        public let name: String

        public init(code: Int, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// The memory an address field points into.
    public enum AddressSpace: Hashable, Sendable {
        /// DRAM.
        case dram
        /// One fixed SRAM buffer.
        case buffer(SRAMBuffer.Role)
        /// The SRAM buffer that the enumeration field named here selects.
        case bufferSelectedBy(String)
    }

    /// The name the docs, the disassembler and encoding errors use.
    public let name: String
    /// Position of the field's least significant bit in the instruction (bit `i` is bit `i % 8` of
    /// byte `i / 8`).
    public let offset: Int
    /// Bits, 1...64.
    public let width: Int
    public let encoding: Encoding
    /// Unit and meaning, as the docs' tables show it.
    public let meaning: String

    public init(name: String, offset: Int, width: Int, encoding: Encoding, meaning: String) {
        precondition((1...64).contains(width), "field \(name): width \(width) is not 1...64")
        self.name = name
        self.offset = offset
        self.width = width
        self.encoding = encoding
        self.meaning = meaning
    }

    /// The `width` low bits set.
    public var mask: UInt64 { width == 64 ? ~0 : (1 << UInt64(width)) - 1 }

    /// The raw bits that represent `value`, or `nil` when the field cannot hold it.
    public func raw(for value: Int) -> UInt64? {
        switch encoding {
        case .unsigned, .address:
            return value >= 0 && UInt64(value) <= mask ? UInt64(value) : nil
        case .signed:
            let limit = 1 << (width - 1)
            return (-limit..<limit).contains(value) ? UInt64(bitPattern: Int64(value)) & mask : nil
        case .log2(let allowed):
            return allowed.contains(value) ? UInt64(value.trailingZeroBitCount) : nil
        case .flag:
            return value == 0 || value == 1 ? UInt64(value) : nil
        case .enumeration(let cases):
            return cases.contains { $0.code == value } ? UInt64(value) : nil
        }
    }

    /// The value `raw` (the field's bits, right-aligned) represents, or `nil` when it is illegal.
    public func value(forRaw raw: UInt64) -> Int? {
        switch encoding {
        case .unsigned, .address, .flag:
            return Int(raw)
        case .signed:
            let unused = UInt64(64 - width)
            return Int(Int64(bitPattern: raw << unused) >> unused)
        case .log2(let allowed):
            let bytes = 1 << Int(raw)
            return allowed.contains(bytes) ? bytes : nil
        case .enumeration(let cases):
            return cases.contains { $0.code == Int(raw) } ? Int(raw) : nil
        }
    }

    /// The field's bits from an instruction held as eight little-endian 64-bit words.
    public func extract(from words: [UInt64]) -> UInt64 {
        let word = offset / 64, shift = offset % 64
        var raw = words[word] >> UInt64(shift)
        if shift + width > 64 { raw |= words[word + 1] << UInt64(64 - shift) }
        return raw & mask
    }

    /// ORs `raw` (at most `width` bits) into the field's place in `words`.
    public func insert(_ raw: UInt64, into words: inout [UInt64]) {
        let word = offset / 64, shift = offset % 64
        words[word] |= raw << UInt64(shift)
        if shift + width > 64 { words[word + 1] |= raw >> UInt64(64 - shift) }
    }
}
