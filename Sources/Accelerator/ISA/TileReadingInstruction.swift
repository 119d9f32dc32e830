/// An instruction type that reads one `[channels][rows][columns]` tile of stored values from the
/// input buffer (`ALU`, `ADD`), and so shares the tile's six fields.
public protocol TileReadingInstruction: FieldEncodedInstruction {
    var inputAddress: Int { get set }
    var inputPlanePitch: Int { get set }
    var inputRowPitch: Int { get set }
    var channels: Int { get set }
    var rows: Int { get set }
    var columns: Int { get set }
}

extension TileReadingInstruction {
    /// The tile's fields, in the order both field tables place them.
    static var tileRows: [FieldTable<Self>.Row] {
        [
            .field("inputAddress", \.inputAddress, 24, .address(.buffer(.input)), "byte address of the input tile"),
            .field("inputPlanePitch", \.inputPlanePitch, 32, .unsigned, "elements between channel planes"),
            .field("inputRowPitch", \.inputRowPitch, 16, .unsigned, "elements between rows"),
            .field("channels", \.channels, 16, .unsigned, "channels"),
            .field("rows", \.rows, 16, .unsigned, "rows"),
            .field("columns", \.columns, 16, .unsigned, "columns"),
        ]
    }
}
