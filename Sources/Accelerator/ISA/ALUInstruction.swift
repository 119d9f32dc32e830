/// `ALU` (compute unit): an elementwise operation from an input-buffer tile to a destination.
///
/// ```
/// for c in 0..<channels, y in 0..<rows, x in 0..<columns:
///     q = INPUT[inputAddress + (c·inputPlanePitch + y·inputRowPitch + x)·elementBytes]
///     destination[c][y][x] = operation(q)          (ALUOperation)
/// ```
public struct ALUInstruction: Hashable, Sendable, Codable {
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

    /// Values written.
    public var elements: Int { channels * rows * columns }
}
