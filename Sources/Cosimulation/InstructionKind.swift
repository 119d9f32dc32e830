/// The instruction kind a generated program (`InstructionProgramGenerator`) exercises: the
/// program's other instructions only bring its operands on chip and its results back to DRAM.
public enum InstructionKind: String, CaseIterable, Hashable, Sendable {
    /// `LOAD`s into the input buffer with padding (or padding only) and DRAM row and plane gaps,
    /// copied out by a full-range `ALU` clamp.
    case load
    /// Ordinary `GEMM`s with strides and dilations, a second pass accumulating onto the first.
    case gemm
    /// Depthwise `GEMM`s, reading a plane per output channel or, with plane pitch 0, one plane.
    case depthwiseGemm
    /// The folded form: depthwise, plane pitch 0, a `planes × 1` kernel over one row of pixels.
    case foldedGemm
    /// `POST`s of every requantization kind, with saturation, clamps and strided destinations in
    /// the output or the input buffer.
    case post
    /// Max and average `POOL`s whose outputs need not fill the lanes.
    case pool
    /// `ALU` lookup tables (8-bit modes), the piecewise-linear sigmoid (`de1soc-q10`) and clamps.
    case alu
    /// One to four `ADD` operands summed in the accumulator, the last writing.
    case add
    /// `STORE`s of channel slices to strided DRAM destinations.
    case store
    /// Tiles that reuse their buffer slots, their tokens carried by the instructions or by `SYNC`s.
    case sync
    /// `GEMM`s of one kernel position (1×1 convolutions with strides, fully-connected layers), whose
    /// input channels spread over the `Pi·Pk` multipliers of each output. Last, so that the other
    /// kinds keep their seeds' programs.
    case pointwiseGemm
}
