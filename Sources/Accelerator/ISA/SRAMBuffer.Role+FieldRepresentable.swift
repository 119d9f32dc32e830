/// A buffer's 2-bit code in the instruction fields that name a buffer: input 0, weight 1,
/// accumulator 2, output 3 (docs/ISA.md, "The machine").
extension SRAMBuffer.Role: FieldRepresentable {
    public var fieldValue: Int {
        switch self {
        case .input: return 0
        case .weight: return 1
        case .accumulator: return 2
        case .output: return 3
        }
    }

    public init?(fieldValue: Int) {
        guard let role = Self.allCases.first(where: { $0.fieldValue == fieldValue }) else { return nil }
        self = role
    }
}
