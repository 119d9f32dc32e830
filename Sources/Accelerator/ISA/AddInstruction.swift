/// `ADD` (compute unit): one operand of a rescaled sum. It reads a tile of stored values from the
/// input buffer, brings each to the output's scale as the exact 64-bit `(q − zeroPoint) ×
/// multiplier`, and adds it to the tile's partial sums in the accumulator buffer (8 bytes per
/// entry); the instruction of the last operand rounds, adds the output zero point, clamps and
/// writes stored values instead. An n-input Add is n of them over one accumulator tile, so the
/// sum is exact however many inputs there are; a requantizing copy is the one-operand form.
///
/// ```
/// for c in 0..<channels, y in 0..<rows, x in 0..<columns:
///     q = INPUT[inputAddress + (c·inputPlanePitch + y·inputRowPitch + x)·elementBytes]
///     e = ACC[accumulatorAddress + ((c·rows + y)·columns + x)·8]          (int64)
///     s = (accumulate ? e : 0) + (q − zeroPoint) × multiplier           (exact, 64-bit)
///     if write: destination[c][y][x] = clamp(outputZeroPoint + roundingShift(s, shift), clampLow, clampHigh)
///     else:     e = s
/// ```
public struct AddInstruction: Hashable, Sendable, Codable, DestinationWritingInstruction, TileReadingInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits as log2: bytes per stored value read and written.
    public var elementBytes: Int
    /// 1 bit: add to the partial sums instead of starting from zero.
    public var accumulate: Bool
    /// 1 bit: the last operand: round, clamp and write to `destination` instead of the partial sums.
    public var write: Bool
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
    /// 24 bits, bytes in the accumulator buffer; `[channels][rows][columns]` entries of 8 bytes.
    public var accumulatorAddress: Int
    /// 32 bits, two's complement: the operand's zero point.
    public var zeroPoint: Int32
    /// 32 bits, unsigned: the operand's rescale multiplier (at most 2^31).
    public var multiplier: Int
    /// 6 bits: the right shift (rounding half up) of the sum, `write` only.
    public var shift: Int
    /// 32 bits each, two's complement (`write` only).
    public var outputZeroPoint: Int32
    public var clampLow: Int32
    public var clampHigh: Int32
    /// Buffer 2 bits, address 24 bits, plane pitch 32 bits, row pitch 16 bits (`write` only).
    public var destination: StridedDestination

    public init(dependencies: DependencyFlags = .none, layer: Int, elementBytes: Int, accumulate: Bool, write: Bool,
                inputAddress: Int, inputPlanePitch: Int, inputRowPitch: Int, channels: Int, rows: Int, columns: Int,
                accumulatorAddress: Int, zeroPoint: Int32, multiplier: Int, shift: Int, outputZeroPoint: Int32,
                clampLow: Int32, clampHigh: Int32, destination: StridedDestination) {
        self.dependencies = dependencies
        self.layer = layer
        self.elementBytes = elementBytes
        self.accumulate = accumulate
        self.write = write
        self.inputAddress = inputAddress
        self.inputPlanePitch = inputPlanePitch
        self.inputRowPitch = inputRowPitch
        self.channels = channels
        self.rows = rows
        self.columns = columns
        self.accumulatorAddress = accumulatorAddress
        self.zeroPoint = zeroPoint
        self.multiplier = multiplier
        self.shift = shift
        self.outputZeroPoint = outputZeroPoint
        self.clampLow = clampLow
        self.clampHigh = clampHigh
        self.destination = destination
    }

    /// ADD's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<AddInstruction>(
        .add,
        blank: AddInstruction(
            layer: 0, elementBytes: 1, accumulate: false, write: false, inputAddress: 0, inputPlanePitch: 0, inputRowPitch: 0,
            channels: 0, rows: 0, columns: 0, accumulatorAddress: 0, zeroPoint: 0, multiplier: 0, shift: 0, outputZeroPoint: 0,
            clampLow: 0, clampHigh: 0, destination: StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)),
        operands: [
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per stored value read and written"),
            .field("accumulate", \.accumulate, 1, .flag, "add to the partial sums instead of starting from zero"),
            .field("write", \.write, 1, .flag, "last operand: round, clamp and write `destination` instead of the partial sums"),
        ] + tileRows + [
            .field("accumulatorAddress", \.accumulatorAddress, 24, .address(.buffer(.accumulator)),
                   "byte address of the partial sums, `[channels][rows][columns]`, 8 bytes each"),
            .field("zeroPoint", \.zeroPoint, 32, .signed, "the operand's zero point, subtracted from each value"),
            .field("multiplier", \.multiplier, 32, .unsigned, "the operand's rescale multiplier (at most 2^31)"),
            .field("shift", \.shift, 6, .unsigned, "right shift of the sum, rounding half up (`write`)"),
            .field("outputZeroPoint", \.outputZeroPoint, 32, .signed, "added after the shift (`write`)"),
            .field("clampLow", \.clampLow, 32, .signed, "lowest value written (`write`)"),
            .field("clampHigh", \.clampHigh, 32, .signed, "highest value written (`write`)"),
        ] + destinationRows)

    public var instruction: Instruction { .add(self) }

    /// Bytes of one partial sum in the accumulator buffer.
    public static let partialSumBytes = 8

    /// Values read (and written, by the last operand).
    public var elements: Int { channels * rows * columns }
}
