/// `ALU` (compute unit): an elementwise operation from an input-buffer tile to a destination.
///
/// ```
/// for c in 0..<channels, y in 0..<rows, x in 0..<columns:
///     q = INPUT[inputAddress + (c·inputPlanePitch + y·inputRowPitch + x)·elementBytes]
///     destination[c][y][x] = operation(q)          (ALUOperation)
/// ```
public struct ALUInstruction: Hashable, Sendable, Codable, DestinationWritingInstruction, TileReadingInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits as log2.
    public var elementBytes: Int
    /// 2 bits.
    public var operation: ALUOperation
    /// 24 bits, bytes in the input buffer.
    public var inputAddress: Int
    /// 32 bits, elements between channel planes.
    public var inputPlanePitch: Int
    /// 16 bits, elements between rows.
    public var inputRowPitch: Int
    /// 16 bits each.
    public var channels: Int
    public var rows: Int
    public var columns: Int
    /// 24 bits, bytes in the weight buffer (tables); 0 for `clamp`.
    public var tableAddress: Int
    /// 32 bits each, two's complement (`clamp` only).
    public var clampLow: Int32
    public var clampHigh: Int32
    /// Buffer 2 bits, address 24 bits, plane pitch 32 bits, row pitch 16 bits.
    public var destination: StridedDestination

    public init(dependencies: DependencyFlags = .none, layer: Int, elementBytes: Int, operation: ALUOperation,
                inputAddress: Int, inputPlanePitch: Int, inputRowPitch: Int, channels: Int, rows: Int, columns: Int,
                tableAddress: Int, clampLow: Int32, clampHigh: Int32, destination: StridedDestination) {
        self.dependencies = dependencies
        self.layer = layer
        self.elementBytes = elementBytes
        self.operation = operation
        self.inputAddress = inputAddress
        self.inputPlanePitch = inputPlanePitch
        self.inputRowPitch = inputRowPitch
        self.channels = channels
        self.rows = rows
        self.columns = columns
        self.tableAddress = tableAddress
        self.clampLow = clampLow
        self.clampHigh = clampHigh
        self.destination = destination
    }

    /// ALU's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<ALUInstruction>(
        .alu,
        blank: ALUInstruction(
            layer: 0, elementBytes: 1, operation: .lookupTable, inputAddress: 0, inputPlanePitch: 0, inputRowPitch: 0, channels: 0,
            rows: 0, columns: 0, tableAddress: 0, clampLow: 0, clampHigh: 0,
            destination: StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)),
        operands: [
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element read and written"),
            .field("operation", \.operation, 2, .cases(ALUOperation.allCases), "what is computed on each value"),
        ] + tileRows + [
            .field("tableAddress", \.tableAddress, 24, .address(.buffer(.weight)),
                   "byte address of the table or knots; 0 for `clamp`"),
            .field("clampLow", \.clampLow, 32, .signed, "lowest value written (`clamp`)"),
            .field("clampHigh", \.clampHigh, 32, .signed, "highest value written (`clamp`)"),
        ] + destinationRows)

    public var instruction: Instruction { .alu(self) }

    /// Values written.
    public var elements: Int { channels * rows * columns }
}
