/// A type an instruction's stored property can have, with its conversion to and from the `Int`
/// value of the field that encodes it (`InstructionField`): a flag is 0 or 1, an enumeration its
/// case's code, a signed field its two's-complement value.
public protocol FieldRepresentable: Sendable {
    /// The field value that represents `self`.
    var fieldValue: Int { get }
    /// The property value `fieldValue` represents, or `nil` when the type has none.
    init?(fieldValue: Int)
}

extension Int: FieldRepresentable {
    public var fieldValue: Int { self }

    public init?(fieldValue: Int) {
        self = fieldValue
    }
}

extension Int32: FieldRepresentable {
    public var fieldValue: Int { Int(self) }

    public init?(fieldValue: Int) {
        self.init(exactly: fieldValue)
    }
}

extension Bool: FieldRepresentable {
    public var fieldValue: Int { self ? 1 : 0 }

    public init?(fieldValue: Int) {
        switch fieldValue {
        case 0: self = false
        case 1: self = true
        default: return nil
        }
    }
}

/// An enumeration whose raw values are its field codes.
extension FieldRepresentable where Self: RawRepresentable<Int> {
    public var fieldValue: Int { rawValue }

    public init?(fieldValue: Int) {
        self.init(rawValue: fieldValue)
    }
}
