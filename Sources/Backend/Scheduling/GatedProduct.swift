/// Squeeze-and-excitation's product `y = clamp(zp_y + roundingShift((q_x − zp_x)(q_s − zp_s) × m, shift))`
/// of a feature map `x` by a per-channel gate `s` (`QuantizedOp.multiply`), lowered on the
/// existing instructions as depthwise `GEMM`s that accumulate `(q_x − zp_x)(q_s − zp_s)` exactly,
/// then `POST` with the product's multiplier and shift (docs/NUMERICS.md, "Multiply on the
/// accelerator"):
///
/// - the input box holds the tile of `x`, then `padRows` planes' worth of rows filled with the
///   pad value `c` (the synthetic convolution's input zero point), where `padRows · c = −zp_x`
///   (none when `zp_x = 0`, one row block with `c = −zp_x`, or two with `c = 64` when
///   `zp_x = −128`); the `GEMM`s' kernel of `1 + padRows` rows, `H` rows apart, sums
///   `q_x + padRows · c = q_x − zp_x` for every weight it multiplies;
/// - the first `GEMM`'s weights are the gate's stored values, loaded at run time from the gate in
///   DRAM, each repeated for the kernel's rows (a row stride of 0): `(q_x − zp_x) · q_s`;
/// - `staticPasses` more `GEMM`s with the layer's constant weights `k` (`−zp_s` itself, or 64
///   twice when `zp_s = −128`) add `(q_x − zp_x) · (−zp_s)`.
public struct GatedProduct: Hashable, Sendable {
    /// Row blocks of the pad value below the feature map's tile.
    public var padRows: Int
    /// `GEMM`s with the constant weights after the gate's.
    public var staticPasses: Int
}
