/// An instruction type that writes its results through a `StridedDestination` (`POST`, `POOL`,
/// `ALU`), and so shares the destination's four fields.
public protocol DestinationWritingInstruction: FieldEncodedInstruction {
    /// Where the results go.
    var destination: StridedDestination { get set }
}

extension DestinationWritingInstruction {
    /// The destination's fields, the last operands of the type's field table.
    static var destinationRows: [FieldTable<Self>.Row] {
        [
            .field("destination.buffer", \.destination.buffer, 2, .cases([SRAMBuffer.Role.input, .output]), "SRAM buffer written"),
            .field("destination.address", \.destination.address, 24, .address(.bufferSelectedBy("destination.buffer")),
                   "byte address of element `[0][0][0]`"),
            .field("destination.planePitch", \.destination.planePitch, 32, .unsigned, "elements between channel planes"),
            .field("destination.rowPitch", \.destination.rowPitch, 16, .unsigned, "elements between rows"),
        ]
    }
}
