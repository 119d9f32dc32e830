/// A program's instruction stream as bytes: the instructions' 64-byte encodings back to back
/// (docs/ISA.md).
public enum InstructionStream {
    /// The bytes of `instructions`, in order. Throws what `Instruction.encoded(index:)` throws, with
    /// the instruction's position in the stream.
    public static func encode(_ instructions: [Instruction]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(instructions.count * Instruction.encodedBytes)
        for (index, instruction) in instructions.enumerated() {
            try instruction.encode(appendingTo: &bytes, index: index)
        }
        return bytes
    }

    /// The instructions of `bytes`. Throws `AcceleratorError.illegalEncoding` when the length is not a
    /// multiple of 64 or an instruction does not decode.
    public static func decode(_ bytes: [UInt8]) throws -> [Instruction] {
        let size = Instruction.encodedBytes
        guard bytes.count % size == 0 else {
            throw AcceleratorError.illegalEncoding(
                instruction: bytes.count / size,
                reason: "the stream is \(bytes.count) bytes, not a multiple of \(size): the last instruction is truncated")
        }
        return try stride(from: 0, to: bytes.count, by: size).map { start in
            try Instruction(decoding: bytes[start..<start + size], index: start / size)
        }
    }
}
