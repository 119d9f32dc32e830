/// One field of an instruction type's field table: a placed `InstructionField` and the stored
/// property of `Root` it encodes, converted between the property's type and the field's value
/// by `FieldRepresentable`.
public struct FieldBinding<Root: Sendable>: Sendable {
    /// Where the field lies and how its bits represent its value.
    public let field: InstructionField
    /// The stored property the field holds.
    public let property: PartialKeyPath<Root> & Sendable
    private let read: @Sendable (Root) -> Int
    private let write: @Sendable (inout Root, Int) -> Bool

    /// `field`, holding `property`.
    init<Value: FieldRepresentable>(_ field: InstructionField, _ property: WritableKeyPath<Root, Value> & Sendable) {
        self.field = field
        self.property = property
        read = { $0[keyPath: property].fieldValue }
        write = { instruction, value in
            guard let converted = Value(fieldValue: value) else { return false }
            instruction[keyPath: property] = converted
            return true
        }
    }

    /// The field value of the property in `instruction`.
    func value(in instruction: Root) -> Int {
        read(instruction)
    }

    /// Writes the property value that `value` represents into `instruction`; `false`, leaving
    /// `instruction` as it was, when the property's type has none.
    func store(_ value: Int, into instruction: inout Root) -> Bool {
        write(&instruction, value)
    }
}
