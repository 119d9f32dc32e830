import Accelerator

/// The DRAM the RTL starts from: the program's constants at address 0, the stored input at the
/// program's input tensor, and the instruction stream at `streamAddress`, the first 64-byte boundary
/// at or after the program's DRAM (`program.dramBytes`).
public struct DRAMImage: Hashable, Sendable {
    public let bytes: [UInt8]
    public let streamAddress: Int

    /// The image of `program` with `input` (stored values, row-major) written; throws the encoder's
    /// `AcceleratorError` for a stream it refuses.
    public init(program: AcceleratorProgram, input: [Int32]) throws {
        streamAddress = (program.dramBytes + Instruction.encodedBytes - 1) / Instruction.encodedBytes * Instruction.encodedBytes
        var bytes = program.constants + [UInt8](repeating: 0, count: max(0, streamAddress - program.constants.count))
        let width = program.input.elementBytes
        for (index, value) in input.enumerated() {
            for byte in 0..<width {
                bytes[program.input.address + index * width + byte] = UInt8(truncatingIfNeeded: Int64(value) >> (8 * byte))
            }
        }
        self.bytes = bytes + (try InstructionStream.encode(program.instructions))
    }
}
