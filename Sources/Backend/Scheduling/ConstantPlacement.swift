/// Where a layer's constants start in DRAM, as `place-dram` laid them out: each block 64-byte
/// aligned, in the order the loads read them.
public enum ConstantPlacement: Hashable, Sendable {
    /// A convolution's or fully-connected layer's weights `[M][C][kh][kw]`, then its parameter
    /// records (one 12-byte record per output channel).
    case weights(weightAddress: Int, parameterAddress: Int)
    /// An elementwise layer's table (256 int8 entries, or 33 int32 sigmoid knots).
    case table(address: Int)
}
