import Accelerator

/// A program `InstructionProgramGenerator` made, with the stored input it runs on. Its one output
/// (and its last layer's output) is the whole DRAM, so that a comparison covers every byte; the
/// layer before the `STORE`s, when there is one, keeps the output-buffer region they read on chip.
public struct GeneratedProgram: Hashable, Sendable {
    /// The instruction kind the program exercises.
    public let kind: InstructionKind
    /// The seed it was made from (`InstructionProgramGenerator.program(_:seed:)`).
    public let seed: UInt64
    public let program: AcceleratorProgram
    /// The stored values of the program's input tensor.
    public let input: [Int32]
}
