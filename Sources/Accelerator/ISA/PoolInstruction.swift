/// `POOL` (compute unit): max or average pooling of an input-buffer tile whose padding the `LOAD`
/// already inserted (`padValue` is the storage minimum for max pooling and the input zero point for
/// average pooling), so every window lies inside the box.
///
/// ```
/// for c in 0..<channels, y in 0..<outputRows, x in 0..<outputColumns:
///     taps = [ INPUT[inputAddress + (c·inputPlanePitch + (y·strideHeight + ky)·inputRowPitch
///                                    + x·strideWidth + kx)·elementBytes]  for ky < kernelHeight, kx < kernelWidth ]
///     max:     v = clamp(max(taps), clampLow, clampHigh)
///     average: s = clamp(Σ (t − inputZeroPoint), −2^31, 2^31 − 1)
///              v = clamp(outputZeroPoint + roundingShift(s × multiplier, shift), clampLow, clampHigh)
///     destination[c][y][x] = v
/// ```
/// Every window of an average-pooling layer counts the same number of taps (the compiler refuses
/// layers where it would not), so one reciprocal `multiplier / 2^shift` serves the whole layer.
public struct PoolInstruction: Hashable, Sendable, Codable, DestinationWritingInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits as log2.
    public var elementBytes: Int
    /// 1 bit.
    public var kind: PoolKind
    /// 24 bits, bytes in the input buffer.
    public var inputAddress: Int
    /// 32 bits, elements between channel planes.
    public var inputPlanePitch: Int
    /// 16 bits, elements between rows.
    public var inputRowPitch: Int
    /// 16 bits each.
    public var channels: Int
    public var outputRows: Int
    public var outputColumns: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    /// 32 bits each, two's complement.
    public var inputZeroPoint: Int32
    public var outputZeroPoint: Int32
    /// 32 bits (31 used): the reciprocal's multiplier; 0 for max pooling.
    public var multiplier: Int32
    /// 6 bits: the reciprocal's right shift, 0...62.
    public var shift: Int
    /// 32 bits each, two's complement.
    public var clampLow: Int32
    public var clampHigh: Int32
    /// Buffer 2 bits, address 24 bits, plane pitch 32 bits, row pitch 16 bits.
    public var destination: StridedDestination

    public init(dependencies: DependencyFlags = .none, layer: Int, elementBytes: Int, kind: PoolKind, inputAddress: Int,
                inputPlanePitch: Int, inputRowPitch: Int, channels: Int, outputRows: Int, outputColumns: Int,
                kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int, inputZeroPoint: Int32,
                outputZeroPoint: Int32, multiplier: Int32, shift: Int, clampLow: Int32, clampHigh: Int32,
                destination: StridedDestination) {
        self.dependencies = dependencies
        self.layer = layer
        self.elementBytes = elementBytes
        self.kind = kind
        self.inputAddress = inputAddress
        self.inputPlanePitch = inputPlanePitch
        self.inputRowPitch = inputRowPitch
        self.channels = channels
        self.outputRows = outputRows
        self.outputColumns = outputColumns
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.inputZeroPoint = inputZeroPoint
        self.outputZeroPoint = outputZeroPoint
        self.multiplier = multiplier
        self.shift = shift
        self.clampLow = clampLow
        self.clampHigh = clampHigh
        self.destination = destination
    }

    /// POOL's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<PoolInstruction>(
        .pool,
        blank: PoolInstruction(
            layer: 0, elementBytes: 1, kind: .max, inputAddress: 0, inputPlanePitch: 0, inputRowPitch: 0, channels: 0,
            outputRows: 0, outputColumns: 0, kernelHeight: 0, kernelWidth: 0, strideHeight: 0, strideWidth: 0, inputZeroPoint: 0,
            outputZeroPoint: 0, multiplier: 0, shift: 0, clampLow: 0, clampHigh: 0,
            destination: StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)),
        operands: [
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element read and written"),
            .field("kind", \.kind, 1, .cases(PoolKind.allCases), "reduction"),
            .field("inputAddress", \.inputAddress, 24, .address(.buffer(.input)), "byte address of the (padded) input box"),
            .field("inputPlanePitch", \.inputPlanePitch, 32, .unsigned, "elements between channel planes"),
            .field("inputRowPitch", \.inputRowPitch, 16, .unsigned, "elements between rows"),
            .field("channels", \.channels, 16, .unsigned, "channels"),
            .field("outputRows", \.outputRows, 16, .unsigned, "output rows"),
            .field("outputColumns", \.outputColumns, 16, .unsigned, "output columns"),
            .field("kernelHeight", \.kernelHeight, 16, .unsigned, "window rows"),
            .field("kernelWidth", \.kernelWidth, 16, .unsigned, "window columns"),
            .field("strideHeight", \.strideHeight, 16, .unsigned, "input rows between windows"),
            .field("strideWidth", \.strideWidth, 16, .unsigned, "input columns between windows"),
            .field("inputZeroPoint", \.inputZeroPoint, 32, .signed, "subtracted from each tap (average)"),
            .field("outputZeroPoint", \.outputZeroPoint, 32, .signed, "added after scaling (average)"),
            .field("multiplier", \.multiplier, 31, .unsigned, "the reciprocal's multiplier (average); 0 for max"),
            .reserved(1),
            .field("shift", \.shift, 6, .unsigned, "the reciprocal's right shift (average)"),
            .field("clampLow", \.clampLow, 32, .signed, "lowest value written"),
            .field("clampHigh", \.clampHigh, 32, .signed, "highest value written"),
        ] + destinationRows)

    public var instruction: Instruction { .pool(self) }

    /// Values written.
    public var elements: Int { channels * outputRows * outputColumns }
    /// Input values read (taps).
    public var taps: Int { elements * kernelHeight * kernelWidth }
}
