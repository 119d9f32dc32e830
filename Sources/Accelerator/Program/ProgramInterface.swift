/// The `IODS` section: how the host talks to a program — where it writes the quantized input and
/// reads each output in DRAM, their shapes, the element and accumulator widths, and the DRAM size
/// the program needs. The quantization parameters and preprocessing are in `META`/`QGRF`.
public struct ProgramInterface: Codable, Hashable, Sendable {
    public var input: DRAMTensor
    public var outputs: [DRAMTensor]
    public var dramBytes: Int
    public var constantBytes: Int
    public var elementBytes: Int
    public var accumulatorBytes: Int
    /// Scale and zero point of the input and of each output (same order).
    public var inputScale: Float
    public var inputZeroPoint: Int32
    public var outputScales: [Float]
    public var outputZeroPoints: [Int32]

    public init(input: DRAMTensor, outputs: [DRAMTensor], dramBytes: Int, constantBytes: Int, elementBytes: Int,
                accumulatorBytes: Int, inputScale: Float, inputZeroPoint: Int32, outputScales: [Float], outputZeroPoints: [Int32]) {
        self.input = input
        self.outputs = outputs
        self.dramBytes = dramBytes
        self.constantBytes = constantBytes
        self.elementBytes = elementBytes
        self.accumulatorBytes = accumulatorBytes
        self.inputScale = inputScale
        self.inputZeroPoint = inputZeroPoint
        self.outputScales = outputScales
        self.outputZeroPoints = outputZeroPoints
    }
}
