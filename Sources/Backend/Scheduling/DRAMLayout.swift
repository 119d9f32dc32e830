import Accelerator

/// The program's DRAM as `place-dram` lays it out: the constants from address 0, then the input and
/// every value that goes to DRAM.
public struct DRAMLayout: Hashable, Sendable {
    /// The constants' bytes, from address 0.
    public var constants: [UInt8]
    /// Bytes the program addresses.
    public var bytes: Int
    /// The graph input.
    public var input: DRAMTensor
    /// The graph outputs, in the graph's order, named as the graph names them.
    public var outputs: [DRAMTensor]
}
