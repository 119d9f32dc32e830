/// `SYNC`: does no work on `unit`; only its dependency tokens act. The compiler uses it where one
/// step must pop or push more tokens than its instructions carry, and at layer boundaries.
public struct SyncInstruction: Hashable, Sendable, Codable, FieldEncodedInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits.
    public var unit: ExecutionUnit

    public init(dependencies: DependencyFlags, layer: Int, unit: ExecutionUnit) {
        self.dependencies = dependencies
        self.layer = layer
        self.unit = unit
    }

    /// SYNC's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<SyncInstruction>(
        .sync,
        blank: SyncInstruction(dependencies: .none, layer: 0, unit: .load),
        operands: [
            .field("unit", \.unit, 2, .cases(ExecutionUnit.allCases), "the unit whose queue the instruction joins"),
        ])

    public var instruction: Instruction { .sync(self) }
}
