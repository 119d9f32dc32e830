import Testing
@testable import Accelerator

/// The field tables against the instruction types themselves: `Mirror` lists every stored property,
/// independently of the tables.
@Suite struct FieldTableTests {
    /// Each stored property of `value` that holds no further stored properties, by its dotted path
    /// (`layer`, `dependencies.popNext`, `destination.buffer`), with its value's text.
    static func leaves(of value: Any, path: String = "") -> [String: String] {
        let children = Mirror(reflecting: value).children
        guard !children.isEmpty else { return [path: String(describing: value)] }
        var leaves: [String: String] = [:]
        for child in children {
            let name = child.label ?? "?"
            leaves.merge(Self.leaves(of: child.value, path: path.isEmpty ? name : path + "." + name)) { first, _ in first }
        }
        return leaves
    }

    /// The paths whose values differ between `a` and `b`.
    static func changedLeaves(_ a: Any, _ b: Any) -> [String] {
        let before = leaves(of: a), after = leaves(of: b)
        return before.keys.filter { before[$0] != after[$0] }.sorted()
    }

    /// A value `field` can encode other than `value`.
    static func anotherValue(than value: Int, of field: InstructionField) -> Int {
        switch field.encoding {
        case .unsigned, .address: return value == 0 ? 1 : 0
        case .signed: return value == -1 ? 0 : -1
        case .flag: return 1 - value
        case .log2(let allowed): return allowed.first { $0 != value }!
        case .enumeration(let cases): return cases.map(\.code).first { $0 != value }!
        }
    }

    /// The largest value `field` can encode.
    static func highest(_ field: InstructionField) -> Int {
        switch field.encoding {
        case .unsigned, .address: return (1 << field.width) - 1
        case .signed: return (1 << (field.width - 1)) - 1
        case .flag: return 1
        case .log2(let allowed): return allowed.max()!
        case .enumeration(let cases): return cases.map(\.code).max()!
        }
    }

    /// The token-bit fields toward a neighbour `unit` lacks (they must stay clear).
    static func illegalTokenFields(_ unit: ExecutionUnit?) -> Set<String> {
        var names: Set<String> = []
        if unit?.previous == nil { names.formUnion(["popPrevious", "pushPrevious"]) }
        if unit?.next == nil { names.formUnion(["popNext", "pushNext"]) }
        return names
    }

    /// Writing a new value through each field changes exactly one stored property, and every stored
    /// property is changed by exactly one field.
    static func expectEveryPropertyIsExactlyOneField<Root: FieldEncodedInstruction>(_ type: Root.Type) {
        let table = Root.fieldTable
        let properties = Set(leaves(of: table.blank).keys)
        var written: [String] = []
        for binding in table.bindings {
            var instruction = table.blank
            let value = anotherValue(than: binding.value(in: instruction), of: binding.field)
            #expect(binding.store(value, into: &instruction), "\(binding.field.name)")
            let changed = changedLeaves(table.blank, instruction)
            #expect(changed.count == 1, "\(table.layout.mnemonic) \(binding.field.name) changes \(changed)")
            written += changed
        }
        #expect(written.count == properties.count, "\(table.layout.mnemonic): \(written.count) fields, \(properties.count) properties")
        #expect(Set(written) == properties, "\(table.layout.mnemonic): no field holds \(properties.subtracting(written).sorted())")
    }

    @Test(arguments: Opcode.allCases) func everyStoredPropertyIsExactlyOneField(opcode: Opcode) {
        Self.expectEveryPropertyIsExactlyOneField(opcode.instructionType)
    }

    /// Every field at its largest value (token bits only toward neighbours the unit has) survives
    /// encoding and decoding, and differs from the decoder's starting value in every property but
    /// those token bits.
    static func expectHighestValuesRoundTrip<Root: FieldEncodedInstruction>(_ type: Root.Type) throws {
        let table = Root.fieldTable
        var extreme = table.blank
        for binding in table.bindings { #expect(binding.store(highest(binding.field), into: &extreme)) }
        let illegal = illegalTokenFields(extreme.instruction.unit)
        for binding in table.bindings where illegal.contains(binding.field.name) { #expect(binding.store(0, into: &extreme)) }
        let unchanged = Set(leaves(of: table.blank).keys).subtracting(changedLeaves(table.blank, extreme))
        #expect(unchanged == Set(illegal.map { "dependencies." + $0 }), "\(table.layout.mnemonic)")
        let bytes = try extreme.instruction.encoded()
        #expect(try Instruction(decoding: bytes[...], index: 0) == extreme.instruction)
    }

    @Test(arguments: Opcode.allCases) func everyFieldAtItsHighestRoundTrips(opcode: Opcode) throws {
        try Self.expectHighestValuesRoundTrip(opcode.instructionType)
    }

    @Test(arguments: Opcode.allCases) func theHeaderComesFirst(opcode: Opcode) {
        let fields = opcode.layout.fields.prefix(6)
        #expect(fields.map(\.name) == ["opcode", "popPrevious", "popNext", "pushPrevious", "pushNext", "layer"])
        #expect(fields.map(\.offset) == [0, 4, 5, 6, 7, 8])
        #expect(fields.map(\.width) == [4, 1, 1, 1, 1, 16])
    }

    @Test func aReservedRowLeavesAGap() throws {
        let layout = Opcode.pool.layout
        let multiplier = try #require(layout.field(named: "multiplier"))
        let shift = try #require(layout.field(named: "shift"))
        #expect(shift.offset == multiplier.offset + multiplier.width + 1)
        #expect(layout.usedBits[shift.offset / 64] >> UInt64((shift.offset - 1) % 64) & 1 == 0)
    }

    @Test(arguments: [Opcode.post, .pool, .alu]) func theDestinationEndsTheTable(opcode: Opcode) {
        let names = opcode.layout.fields.suffix(4).map(\.name)
        #expect(names == ["destination.buffer", "destination.address", "destination.planePitch", "destination.rowPitch"])
    }

    @Test func bindingsAreTheLayoutsFieldsButTheOpcode() {
        let table = GemmInstruction.fieldTable
        #expect(table.bindings.map(\.field) == Array(table.layout.fields.dropFirst()))
    }
}
