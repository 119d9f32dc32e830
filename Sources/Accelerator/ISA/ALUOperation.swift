import Quantization

/// What `ALU` computes on each value (2 bits).
public enum ALUOperation: Int, Hashable, Sendable, Codable, CaseIterable, FieldRepresentable {
    /// `table[q + 128]` with 256 int8 entries at `WEIGHT[tableAddress]` (sigmoid, tanh, leaky ReLU).
    case lookupTable = 0
    /// The `de1soc-q10` 32-segment sigmoid with 33 int32 knots at `WEIGHT[tableAddress]`
    /// (`PiecewiseLinearSigmoid.evaluate`).
    case piecewiseLinearSigmoid = 1
    /// `clamp(q, clampLow, clampHigh)` (a ReLU or Clip the quantizer could not fold; with the full
    /// storage range, a copy).
    case clamp = 2

    /// The table `ALU` reads from `WEIGHT[tableAddress]`: its entries and the bytes of each
    /// (256 int8 entries, 33 int32 knots, none for `clamp`).
    public var table: (entries: Int, entryBytes: Int) {
        switch self {
        case .lookupTable: (256, 1)
        case .piecewiseLinearSigmoid: (PiecewiseLinearSigmoid.segments + 1, 4)
        case .clamp: (0, 0)
        }
    }

    /// The bytes of the table `ALU` reads from the weight buffer.
    public var tableBytes: Int { table.entries * table.entryBytes }
}
