/// `GEMM` (compute unit): one convolution tile on the PE array, accumulating into the accumulator
/// buffer. A fully-connected layer is the 1×1 case.
///
/// ```
/// for m in 0..<outputChannels, y in 0..<outputRows, x in 0..<outputColumns:
///     a = reset ? 0 : ACC[accumulatorAddress + ((m·outputRows + y)·outputColumns + x)·accumulatorBytes]
///     for c in 0..<inputChannels, ky in 0..<kernelHeight, kx in 0..<kernelWidth:
///         i = INPUT[inputAddress + (c·inputPlanePitch + (y·strideHeight + ky·dilationHeight)·inputRowPitch
///                                   + x·strideWidth + kx·dilationWidth)·elementBytes]
///         w = WEIGHT[weightAddress + (((m·inputChannels + c)·kernelHeight + ky)·kernelWidth + kx)·elementBytes]
///         a = a + i × w          (signed; wraps modulo 2^(8·accumulatorBytes))
///     ACC[...] = a
/// ```
/// With `depthwise` set, output channel `m` reads input plane `m` instead of planes `c`
/// (`inputChannels` is then 1: the weights are `[outputChannels][1][kh][kw]`), and the array puts
/// taps and pixels of one channel on its `Pi × Pk × Pp` lanes (docs/ISA.md, "Depthwise mode").
/// The compiler proves that no partial sum wraps (docs/ISA.md, "Accumulator width"), so the sum is
/// the integer reference's exact accumulator.
public struct GemmInstruction: Hashable, Sendable, Codable, FieldEncodedInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits as log2: bytes per input and weight element (1, or 4 in `de1soc-q10`).
    public var elementBytes: Int
    /// 2 bits as log2: bytes per accumulator entry (4, or 8 in `de1soc-q10`).
    public var accumulatorBytes: Int
    /// 1 bit: start from zero instead of the stored partial sums.
    public var reset: Bool
    /// 24 bits, bytes in the input buffer.
    public var inputAddress: Int
    /// 32 bits, elements between input channel planes.
    public var inputPlanePitch: Int
    /// 16 bits, elements between input rows.
    public var inputRowPitch: Int
    /// 24 bits, bytes in the weight buffer; layout `[outputChannels][inputChannels][kh][kw]`.
    public var weightAddress: Int
    /// 24 bits, bytes in the accumulator buffer; layout `[outputChannels][outputRows][outputColumns]`.
    public var accumulatorAddress: Int
    /// 16 bits each.
    public var outputChannels: Int
    public var inputChannels: Int
    public var outputRows: Int
    public var outputColumns: Int
    /// 8 bits each.
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    public var dilationHeight: Int
    public var dilationWidth: Int
    /// 1 bit: output channel `m` reads input plane `m` only.
    public var depthwise: Bool

    public init(dependencies: DependencyFlags = .none, layer: Int, elementBytes: Int, accumulatorBytes: Int, reset: Bool,
                inputAddress: Int, inputPlanePitch: Int, inputRowPitch: Int, weightAddress: Int, accumulatorAddress: Int,
                outputChannels: Int, inputChannels: Int, outputRows: Int, outputColumns: Int, kernelHeight: Int,
                kernelWidth: Int, strideHeight: Int, strideWidth: Int, dilationHeight: Int, dilationWidth: Int,
                depthwise: Bool = false) {
        self.dependencies = dependencies
        self.layer = layer
        self.elementBytes = elementBytes
        self.accumulatorBytes = accumulatorBytes
        self.reset = reset
        self.inputAddress = inputAddress
        self.inputPlanePitch = inputPlanePitch
        self.inputRowPitch = inputRowPitch
        self.weightAddress = weightAddress
        self.accumulatorAddress = accumulatorAddress
        self.outputChannels = outputChannels
        self.inputChannels = inputChannels
        self.outputRows = outputRows
        self.outputColumns = outputColumns
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.depthwise = depthwise
    }

    /// GEMM's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<GemmInstruction>(
        .gemm,
        blank: GemmInstruction(
            layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: false, inputAddress: 0, inputPlanePitch: 0, inputRowPitch: 0,
            weightAddress: 0, accumulatorAddress: 0, outputChannels: 0, inputChannels: 0, outputRows: 0, outputColumns: 0,
            kernelHeight: 0, kernelWidth: 0, strideHeight: 0, strideWidth: 0, dilationHeight: 0, dilationWidth: 0),
        operands: [
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per input and weight element"),
            .field("accumulatorBytes", \.accumulatorBytes, 2, .log2(allowed: [4, 8]), "bytes per accumulator entry"),
            .field("reset", \.reset, 1, .flag, "start from zero instead of the stored partial sums"),
            .field("inputAddress", \.inputAddress, 24, .address(.buffer(.input)), "byte address of the input box"),
            .field("inputPlanePitch", \.inputPlanePitch, 32, .unsigned, "elements between input channel planes"),
            .field("inputRowPitch", \.inputRowPitch, 16, .unsigned, "elements between input rows"),
            .field("weightAddress", \.weightAddress, 24, .address(.buffer(.weight)),
                   "byte address of the weights, `[outputChannels][inputChannels][kh][kw]`"),
            .field("accumulatorAddress", \.accumulatorAddress, 24, .address(.buffer(.accumulator)),
                   "byte address of the partial sums, `[outputChannels][outputRows][outputColumns]`"),
            .field("outputChannels", \.outputChannels, 16, .unsigned, "output channels"),
            .field("inputChannels", \.inputChannels, 16, .unsigned, "input channels"),
            .field("outputRows", \.outputRows, 16, .unsigned, "output rows"),
            .field("outputColumns", \.outputColumns, 16, .unsigned, "output columns"),
            .field("kernelHeight", \.kernelHeight, 8, .unsigned, "kernel rows"),
            .field("kernelWidth", \.kernelWidth, 8, .unsigned, "kernel columns"),
            .field("strideHeight", \.strideHeight, 8, .unsigned, "input rows between output rows"),
            .field("strideWidth", \.strideWidth, 8, .unsigned, "input columns between output columns"),
            .field("dilationHeight", \.dilationHeight, 8, .unsigned, "input rows between kernel rows"),
            .field("dilationWidth", \.dilationWidth, 8, .unsigned, "input columns between kernel columns"),
            .field("depthwise", \.depthwise, 1, .flag, "output channel `m` reads input plane `m` only (`inputChannels` 1)"),
        ])

    public var instruction: Instruction { .gemm(self) }

    /// Multiply-accumulates performed.
    public var macs: Int { outputChannels * inputChannels * kernelHeight * kernelWidth * outputRows * outputColumns }
    /// Input planes the tile reads: one per output channel when `depthwise`.
    public var inputPlanes: Int { depthwise ? outputChannels : inputChannels }
    /// Rows of the input box the tile reads.
    public var inputRows: Int { (outputRows - 1) * strideHeight + (kernelHeight - 1) * dilationHeight + 1 }
    /// Columns of the input box the tile reads.
    public var inputColumns: Int { (outputColumns - 1) * strideWidth + (kernelWidth - 1) * dilationWidth + 1 }
}
