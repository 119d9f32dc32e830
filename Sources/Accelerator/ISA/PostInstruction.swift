/// `POST` (compute unit): the post-processing pipeline. Reads a tile of accumulators, adds each
/// channel's bias, requantizes, adds the output zero point, clamps (the fused ReLU/Clip) and writes
/// stored values.
///
/// ```
/// for c in 0..<channels, y in 0..<rows, x in 0..<columns:
///     (bias, multiplier, shift) = three int32 at WEIGHT[parameterAddress + 12·c]
///     a = ACC[accumulatorAddress + ((c·rows + y)·columns + x)·accumulatorBytes] + bias   (exact, 64-bit)
///     if saturate: a = clamp(a, −2^31, 2^31 − 1)
///     r = requantization(a, multiplier, shift)            (RequantizationKind)
///     v = clamp(outputZeroPoint + r, clampLow, clampHigh)
///     destination[c][y][x] = v                             (StridedDestination, elementBytes bytes)
/// ```
public struct PostInstruction: Hashable, Sendable, Codable, DestinationWritingInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits as log2: bytes per stored value written.
    public var elementBytes: Int
    /// 2 bits as log2: bytes per accumulator entry.
    public var accumulatorBytes: Int
    /// 24 bits, bytes in the accumulator buffer; layout `[channels][rows][columns]`.
    public var accumulatorAddress: Int
    /// 24 bits, bytes in the weight buffer: `channels` records of 12 bytes.
    public var parameterAddress: Int
    /// 16 bits each.
    public var channels: Int
    public var rows: Int
    public var columns: Int
    /// 2 bits.
    public var requantization: RequantizationKind
    /// 1 bit: saturate `accumulator + bias` to int32 before requantizing (every 8-bit mode).
    public var saturate: Bool
    /// 32 bits each, two's complement.
    public var outputZeroPoint: Int32
    public var clampLow: Int32
    public var clampHigh: Int32
    /// Buffer 2 bits, address 24 bits, plane pitch 32 bits, row pitch 16 bits.
    public var destination: StridedDestination

    public init(dependencies: DependencyFlags = .none, layer: Int, elementBytes: Int, accumulatorBytes: Int,
                accumulatorAddress: Int, parameterAddress: Int, channels: Int, rows: Int, columns: Int,
                requantization: RequantizationKind, saturate: Bool, outputZeroPoint: Int32, clampLow: Int32,
                clampHigh: Int32, destination: StridedDestination) {
        self.dependencies = dependencies
        self.layer = layer
        self.elementBytes = elementBytes
        self.accumulatorBytes = accumulatorBytes
        self.accumulatorAddress = accumulatorAddress
        self.parameterAddress = parameterAddress
        self.channels = channels
        self.rows = rows
        self.columns = columns
        self.requantization = requantization
        self.saturate = saturate
        self.outputZeroPoint = outputZeroPoint
        self.clampLow = clampLow
        self.clampHigh = clampHigh
        self.destination = destination
    }

    /// POST's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<PostInstruction>(
        .post,
        blank: PostInstruction(
            layer: 0, elementBytes: 1, accumulatorBytes: 4, accumulatorAddress: 0, parameterAddress: 0, channels: 0, rows: 0,
            columns: 0, requantization: .multiplier, saturate: false, outputZeroPoint: 0, clampLow: 0, clampHigh: 0,
            destination: StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)),
        operands: [
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per stored value written"),
            .field("accumulatorBytes", \.accumulatorBytes, 2, .log2(allowed: [4, 8]), "bytes per accumulator entry"),
            .field("accumulatorAddress", \.accumulatorAddress, 24, .address(.buffer(.accumulator)),
                   "byte address of the tile, `[channels][rows][columns]`"),
            .field("parameterAddress", \.parameterAddress, 24, .address(.buffer(.weight)),
                   "byte address of `channels` 12-byte records (bias, multiplier, shift)"),
            .field("channels", \.channels, 16, .unsigned, "channels"),
            .field("rows", \.rows, 16, .unsigned, "rows"),
            .field("columns", \.columns, 16, .unsigned, "columns"),
            .field("requantization", \.requantization, 2, .cases(RequantizationKind.allCases), "how the accumulator is scaled"),
            .field("saturate", \.saturate, 1, .flag, "clamp `accumulator + bias` to int32 before requantizing"),
            .field("outputZeroPoint", \.outputZeroPoint, 32, .signed, "added after requantization"),
            .field("clampLow", \.clampLow, 32, .signed, "lowest value written"),
            .field("clampHigh", \.clampHigh, 32, .signed, "highest value written"),
        ] + destinationRows)

    public var instruction: Instruction { .post(self) }

    /// Bytes of one channel's parameter record.
    public static let parameterRecordBytes = 12

    /// Values written.
    public var elements: Int { channels * rows * columns }
}
