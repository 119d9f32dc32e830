/// What the backend produces for one network and one hardware config: the instruction stream, the
/// DRAM image it reads, where the host puts the input and finds the outputs, and the per-layer
/// table. The runtime executes it; `--emit-mem` writes it out for RTL.
public struct AcceleratorProgram: Hashable, Sendable {
    public var instructions: [Instruction]
    public var layers: [ProgramLayer]
    /// DRAM contents from address 0: weights, parameter records and tables, laid out as the loads
    /// read them. Activations live above it.
    public var constants: [UInt8]
    /// Total DRAM bytes the program addresses (constants and every activation region).
    public var dramBytes: Int
    /// Where the host writes the quantized input.
    public var input: DRAMTensor
    /// Where the host reads each graph output, in the graph's output order.
    public var outputs: [DRAMTensor]
    /// Bytes per stored value (1, or 4 in `de1soc-q10`).
    public var elementBytes: Int
    /// Bytes per accumulator entry (4, or 8 in `de1soc-q10`).
    public var accumulatorBytes: Int

    public init(instructions: [Instruction], layers: [ProgramLayer], constants: [UInt8], dramBytes: Int,
                input: DRAMTensor, outputs: [DRAMTensor], elementBytes: Int, accumulatorBytes: Int) {
        self.instructions = instructions
        self.layers = layers
        self.constants = constants
        self.dramBytes = dramBytes
        self.input = input
        self.outputs = outputs
        self.elementBytes = elementBytes
        self.accumulatorBytes = accumulatorBytes
    }

    /// The layer names by table index, for messages.
    public var layerNames: [String] { layers.map(\.name) }
}
