import IR
import Testing
@testable import Accelerator

/// Encoder and decoder against the test's own copy of the contract (`ISAFieldTable`): bit positions
/// packed from the doc comments' widths, values read back one bit at a time.
@Suite struct InstructionEncodingTests {
    /// A field as the contract places it.
    struct Placed {
        let entry: ISAFieldTable.Entry?
        let name: String
        let offset: Int
        let width: Int
    }

    /// The values a field may hold.
    enum Domain {
        case range(ClosedRange<Int>)
        case choices([Int])

        var lowest: Int {
            switch self {
            case .range(let range): return range.lowerBound
            case .choices(let choices): return choices[0]
            }
        }

        var highest: Int {
            switch self {
            case .range(let range): return range.upperBound
            case .choices(let choices): return choices[choices.count - 1]
            }
        }

        func random(using generator: inout SeededGenerator) -> Int {
            switch self {
            case .range(let range): return Int.random(in: range, using: &generator)
            case .choices(let choices): return choices[Int.random(in: 0..<choices.count, using: &generator)]
            }
        }
    }

    /// Opcode (bits 0–3), the header, then the operands packed from bit 24.
    static func placed(opcode: Int) -> [Placed] {
        var fields = [Placed(entry: nil, name: "opcode", offset: 0, width: 4)]
        var offset = 4
        for entry in ISAFieldTable.header + ISAFieldTable.operands(opcode: opcode) {
            fields.append(Placed(entry: entry, name: entry.name, offset: offset, width: entry.width))
            offset += entry.width
            if opcode == 4 && entry.name == "multiplier" { offset += ISAFieldTable.poolMultiplierGap }
        }
        return fields
    }

    /// The legal values of `entry` in `instruction` (token bits only toward existing neighbours).
    static func domain(_ entry: ISAFieldTable.Entry, in instruction: Instruction) -> Domain {
        switch entry.name {
        case "elementBytes": return .choices([1, 2, 4, 8])
        case "accumulatorBytes": return .choices([4, 8])
        case "destination.buffer": return .choices([0, 3])
        case "buffer": return .choices([0, 1])
        case "popPrevious", "pushPrevious": return .range(0...(instruction.unit?.previous == nil ? 0 : 1))
        case "popNext", "pushNext": return .range(0...(instruction.unit?.next == nil ? 0 : 1))
        default: break
        }
        switch entry.storage {
        case .int: return .range(0...(1 << entry.width) - 1)
        case .int32: return .range(Int(Int32.min)...Int(Int32.max))
        case .unsignedInt32: return .range(0...(1 << entry.width) - 1)
        case .flag: return .range(0...1)
        case .codes(let codes): return .range(codes)
        }
    }

    /// Values the Swift type can hold that the field cannot.
    static func outOfRange(_ entry: ISAFieldTable.Entry, opcode: Int) -> [Int] {
        let zero = ISAFieldTable.zero(opcode: opcode)
        switch (entry.storage, domain(entry, in: zero)) {
        case (.int, .choices(let choices)): return [-1, 0, 1, 2, 3, 16].filter { !choices.contains($0) }
        case (.int, _): return [-1, 1 << entry.width]
        case (.unsignedInt32, _): return [-1, Int(Int32.min)]
        case (.codes(let codes), .choices(let choices)): return codes.filter { !choices.contains($0) }
        default: return []
        }
    }

    /// The raw bits the contract gives `value` of `entry`.
    static func expectedRaw(_ entry: ISAFieldTable.Entry?, _ value: Int) -> UInt64 {
        switch entry?.name {
        case "elementBytes", "accumulatorBytes": return UInt64([1: 0, 2: 1, 4: 2, 8: 3][value]!)
        default: break
        }
        if case .int32 = entry?.storage { return UInt64(UInt32(bitPattern: Int32(value))) }
        return UInt64(value)
    }

    /// `width` bits from `offset`, one bit at a time.
    static func bits(_ bytes: [UInt8], offset: Int, width: Int) -> UInt64 {
        var raw: UInt64 = 0
        for i in 0..<width {
            let bit = offset + i
            raw |= UInt64((bytes[bit / 8] >> UInt8(bit % 8)) & 1) << UInt64(i)
        }
        return raw
    }

    /// `bytes` with `width` bits from `offset` replaced by `raw`.
    static func poke(_ bytes: [UInt8], offset: Int, width: Int, raw: UInt64) -> [UInt8] {
        var bytes = bytes
        for i in 0..<width {
            let bit = offset + i
            let mask = UInt8(1) << UInt8(bit % 8)
            bytes[bit / 8] = (raw >> UInt64(i)) & 1 == 1 ? bytes[bit / 8] | mask : bytes[bit / 8] & ~mask
        }
        return bytes
    }

    /// Checks every field's bits against `values` (by name; opcode from `opcode`) and that all
    /// other bits are zero.
    static func expectBits(_ bytes: [UInt8], opcode: Int, values: [String: Int],
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(bytes.count == 64, sourceLocation: sourceLocation)
        var covered = Array(repeating: false, count: 512)
        for field in placed(opcode: opcode) {
            let expected = field.entry == nil ? UInt64(opcode) : expectedRaw(field.entry, values[field.name, default: 0])
            #expect(bits(bytes, offset: field.offset, width: field.width) == expected, "field \(field.name)",
                    sourceLocation: sourceLocation)
            for bit in field.offset..<field.offset + field.width { covered[bit] = true }
        }
        let stray = (0..<512).filter { !covered[$0] && bits(bytes, offset: $0, width: 1) == 1 }
        #expect(stray.isEmpty, "reserved bits set: \(stray)", sourceLocation: sourceLocation)
    }

    /// The zero instruction of `opcode` with `values` set, and all field values by name.
    static func instruction(opcode: Int, setting values: [String: Int]) -> (Instruction, [String: Int]) {
        var instruction = ISAFieldTable.zero(opcode: opcode)
        var all: [String: Int] = [:]
        for entry in ISAFieldTable.operands(opcode: opcode) + ISAFieldTable.header {
            let value = values[entry.name] ?? zeroValue(entry, opcode: opcode)
            entry.set(&instruction, value)
            all[entry.name] = value
        }
        return (instruction, all)
    }

    static func zeroValue(_ entry: ISAFieldTable.Entry, opcode: Int) -> Int {
        if case .choices(let choices) = domain(entry, in: ISAFieldTable.zero(opcode: opcode)) { return choices[0] }
        return 0
    }

    @Test(arguments: 1...9) func layoutIsTheContract(opcode: Int) throws {
        let layout = try #require(Opcode(rawValue: opcode)?.layout)
        let expected = Self.placed(opcode: opcode)
        #expect(layout.opcode.rawValue == opcode)
        #expect(layout.fields.map(\.name) == expected.map(\.name))
        #expect(layout.fields.map(\.offset) == expected.map(\.offset))
        #expect(layout.fields.map(\.width) == expected.map(\.width))
        #expect(expected.map { $0.offset + $0.width }.max()! <= 512)
    }

    @Test func illegalOpcodesHaveNoLayout() {
        for opcode in [0] + Array(10...15) { #expect(Opcode(rawValue: opcode) == nil) }
        #expect(Opcode.allCases.map(\.layout.opcode.rawValue) == Array(1...9))
        #expect(Opcode.allCases.map(\.layout.mnemonic) == ["LOAD", "GEMM", "POST", "POOL", "ALU", "STORE", "SYNC", "END", "ADD"])
    }

    @Test(arguments: 1...9) func zeroMinimumAndMaximumRoundTrip(opcode: Int) throws {
        for extreme in ["zero", "lowest", "highest"] {
            var values: [String: Int] = [:]
            var (instruction, _) = Self.instruction(opcode: opcode, setting: [:])
            for entry in ISAFieldTable.operands(opcode: opcode) + ISAFieldTable.header {
                let domain = Self.domain(entry, in: instruction)
                let value = extreme == "zero" ? Self.zeroValue(entry, opcode: opcode)
                    : extreme == "lowest" ? domain.lowest : domain.highest
                entry.set(&instruction, value)
                values[entry.name] = value
            }
            let bytes = try instruction.encoded()
            Self.expectBits(bytes, opcode: opcode, values: values)
            #expect(try Instruction(decoding: bytes[...], index: 0) == instruction, "\(extreme)")
        }
    }

    @Test(arguments: 1...9) func eachFieldAloneLandsOnItsBits(opcode: Int) throws {
        for entry in ISAFieldTable.operands(opcode: opcode) + ISAFieldTable.header {
            let zero = ISAFieldTable.zero(opcode: opcode)
            let highest = Self.domain(entry, in: zero).highest
            let (instruction, values) = Self.instruction(opcode: opcode, setting: [entry.name: highest])
            let bytes = try instruction.encoded()
            Self.expectBits(bytes, opcode: opcode, values: values)
            #expect(try Instruction(decoding: bytes[...], index: 0) == instruction, "\(entry.name)")
        }
    }

    @Test func randomInstructionsRoundTrip() throws {
        var generator = SeededGenerator(seed: 4)
        var instructions: [Instruction] = []
        var allValues: [[String: Int]] = []
        for _ in 0..<2000 {
            let opcode = Int.random(in: 1...9, using: &generator)
            var (instruction, values) = Self.instruction(opcode: opcode, setting: [:])
            for entry in ISAFieldTable.operands(opcode: opcode) + ISAFieldTable.header {
                let value = Self.domain(entry, in: instruction).random(using: &generator)
                entry.set(&instruction, value)
                values[entry.name] = value
            }
            instructions.append(instruction)
            allValues.append(values)
        }
        let bytes = try InstructionStream.encode(instructions)
        for (index, instruction) in instructions.enumerated() {
            let own = Array(bytes[64 * index..<64 * (index + 1)])
            #expect(try instruction.encoded() == own)
            Self.expectBits(own, opcode: Opcode.allCases.first { $0.mnemonic == instruction.mnemonic }!.rawValue,
                            values: allValues[index])
        }
        #expect(try InstructionStream.decode(bytes) == instructions)
    }

    @Test(arguments: 1...9) func everyFieldPastItsLimitIsRefused(opcode: Int) throws {
        let mnemonic = ISAFieldTable.zero(opcode: opcode).mnemonic
        var refused = 0
        for entry in ISAFieldTable.operands(opcode: opcode) + ISAFieldTable.header {
            for value in Self.outOfRange(entry, opcode: opcode) {
                let (instruction, _) = Self.instruction(opcode: opcode, setting: [entry.name: value])
                let layer = entry.name == "layer" ? value : 0
                #expect(throws: AcceleratorError.fieldOutOfRange(mnemonic: mnemonic, field: entry.name, value: value,
                                                             bits: entry.width, layer: layer)) {
                    _ = try instruction.encoded()
                }
                refused += 1
            }
        }
        let bounded = (ISAFieldTable.operands(opcode: opcode) + ISAFieldTable.header).filter {
            if case .int = $0.storage { return true } else { return false }
        }
        #expect(refused >= 2 * bounded.count)
    }

    @Test func refusedValuesOfTypedFields() throws {
        #expect(Self.outOfRange(ISAFieldTable.operands(opcode: 1)[0], opcode: 1) == [2, 3])
        #expect(Self.outOfRange(ISAFieldTable.operands(opcode: 2)[1], opcode: 2) == [-1, 0, 1, 2, 3, 16])
        let multiplier = try #require(ISAFieldTable.operands(opcode: 4).first { $0.name == "multiplier" })
        #expect(Self.outOfRange(multiplier, opcode: 4) == [-1, Int(Int32.min)])
    }

    @Test func tokenBitsTowardAMissingNeighbourAreRefused() throws {
        var load = ISAFieldTable.zero(opcode: 1)
        load.dependencies.popPrevious = true
        ISAFieldTable.setLayer(&load, 3)
        #expect(throws: AcceleratorError.illegalDependency(instruction: 0, layer: 3, mnemonic: "LOAD", bit: "pop-previous")) {
            _ = try load.encoded()
        }
        let store = Instruction.store(StoreInstruction(dependencies: DependencyFlags(pushNext: true), layer: 1, elementBytes: 1,
                                                       sramAddress: 0, dramAddress: 0, depth: 1, rows: 1, columns: 1,
                                                       dramPlaneStride: 0, dramRowStride: 0))
        #expect(throws: AcceleratorError.illegalDependency(instruction: 1, layer: 1, mnemonic: "STORE", bit: "push-next")) {
            _ = try InstructionStream.encode([.end(layer: 0), store])
        }
        let sync = Instruction.sync(SyncInstruction(dependencies: DependencyFlags(pushPrevious: true), layer: 2, unit: .load))
        #expect(throws: AcceleratorError.illegalDependency(instruction: 5, layer: 2, mnemonic: "SYNC", bit: "push-previous")) {
            _ = try sync.encoded(index: 5)
        }
    }

    /// LOAD, pushNext, layer 0x0102, weight, 4-byte elements, DRAM 0x12_3456_789A, SRAM 0x40,
    /// depth 3, padTop 1, padValue −2, worked out by hand from docs/ISA.md's LOAD table.
    @Test func loadBytesByHand() throws {
        let load = Instruction.load(LoadInstruction(
            dependencies: DependencyFlags(pushNext: true), layer: 0x0102, buffer: .weight, elementBytes: 4,
            dramAddress: 0x12_3456_789A, sramAddress: 0x40, depth: 3, rows: 0, columns: 0, dramPlaneStride: 0,
            dramRowStride: 0, padTop: 1, padValue: -2))
        var expected = [UInt8](repeating: 0, count: 64)
        // opcode 1 | pushNext (bit 7); layer 0x0102 in bits 8–23.
        expected[0] = 0x81; expected[1] = 0x02; expected[2] = 0x01
        // buffer 1 (bits 24–25), log2(4) = 2 (bits 26–27), dramAddress from bit 28.
        expected[3] = 0x01 | 0x02 << 2 | 0xA0
        expected[4] = 0x89; expected[5] = 0x67; expected[6] = 0x45; expected[7] = 0x23; expected[8] = 0x01
        // sramAddress 0x40 from bit 68: 0x400 over bytes 8–9.
        expected[9] = 0x04
        // depth 3 from bit 92.
        expected[11] = 0x30
        // padTop 1 at bit 212.
        expected[26] = 0x10
        // padValue 0xFFFF_FFFE from bit 244 (bits 244–275).
        expected[30] = 0xE0; expected[31] = 0xFF; expected[32] = 0xFF; expected[33] = 0xFF; expected[34] = 0x0F
        #expect(try load.encoded() == expected)
        #expect(try Instruction(decoding: expected[...], index: 0) == load)
    }

    /// The reason `bytes` does not decode at stream position `index`, or `nil` when it decodes.
    static func decodingFailure(_ bytes: [UInt8], index: Int = 7) -> String? {
        do {
            _ = try Instruction(decoding: bytes[...], index: index)
            return nil
        } catch AcceleratorError.illegalEncoding(let instruction, let reason) {
            return instruction == index ? reason : "wrong index \(instruction)"
        } catch {
            return "unexpected \(error)"
        }
    }

    /// Encodes the zero instruction of `opcode` and overwrites the field named `name`.
    static func zeroBytes(_ opcode: Int, poking name: String, raw: UInt64) throws -> [UInt8] {
        let field = try #require(placed(opcode: opcode).first { $0.name == name })
        return poke(try ISAFieldTable.zero(opcode: opcode).encoded(), offset: field.offset, width: field.width, raw: raw)
    }

    @Test func unknownOpcodesAreRefused() throws {
        let valid = try ISAFieldTable.zero(opcode: 8).encoded()
        for opcode in [0] + Array(10...15) {
            let reason = Self.decodingFailure(Self.poke(valid, offset: 0, width: 4, raw: UInt64(opcode)))
            #expect(reason?.contains("opcode \(opcode)") == true, "\(reason ?? "decoded")")
        }
    }

    @Test(arguments: 1...9) func reservedBitsAreRefused(opcode: Int) throws {
        let valid = try ISAFieldTable.zero(opcode: opcode).encoded()
        let end = Self.placed(opcode: opcode).map { $0.offset + $0.width }.max()!
        var reserved = [end, 511]
        if opcode == 4 {
            let multiplier = try #require(Self.placed(opcode: 4).first { $0.name == "multiplier" })
            reserved.append(multiplier.offset + multiplier.width)
        }
        for bit in reserved {
            let reason = Self.decodingFailure(Self.poke(valid, offset: bit, width: 1, raw: 1))
            #expect(reason?.contains("reserved bit \(bit)") == true, "\(reason ?? "decoded")")
        }
    }

    @Test func illegalFieldValuesAreRefused() throws {
        let cases: [(opcode: Int, field: String, raw: UInt64)] = [
            (2, "accumulatorBytes", 0), (2, "accumulatorBytes", 1), (3, "accumulatorBytes", 1),
            (1, "buffer", 2), (1, "buffer", 3), (3, "destination.buffer", 1), (4, "destination.buffer", 2),
            (5, "operation", 3), (3, "requantization", 3), (7, "unit", 3),
        ]
        for (opcode, field, raw) in cases {
            let reason = Self.decodingFailure(try Self.zeroBytes(opcode, poking: field, raw: raw))
            #expect(reason?.contains("'\(field)'") == true, "\(field)=\(raw): \(reason ?? "decoded")")
        }
    }

    @Test func tokenBitsTowardAMissingNeighbourDoNotDecode() throws {
        let cases: [(opcode: Int, bit: String, name: String)] = [
            (1, "popPrevious", "pop-previous"), (1, "pushPrevious", "push-previous"), (6, "popNext", "pop-next"),
            (6, "pushNext", "push-next"), (7, "pushPrevious", "push-previous"), (8, "popNext", "pop-next"),
        ]
        for (opcode, bit, name) in cases {
            let reason = Self.decodingFailure(try Self.zeroBytes(opcode, poking: bit, raw: 1))
            #expect(reason?.contains(name) == true, "\(opcode) \(bit): \(reason ?? "decoded")")
        }
        let compute = try Self.zeroBytes(2, poking: "popPrevious", raw: 1)
        #expect(try Instruction(decoding: compute[...], index: 0).dependencies == DependencyFlags(popPrevious: true))
    }

    @Test func wrongLengthDoesNotDecode() throws {
        let bytes = try ISAFieldTable.zero(opcode: 8).encoded()
        #expect(Self.decodingFailure(Array(bytes.dropLast()))?.contains("63 bytes") == true)
        #expect(Self.decodingFailure(bytes + [0])?.contains("65 bytes") == true)
    }
}
