// The int8 GEMM of the accelerator model's GEMM instruction: sums[m][p] = Σ_k W[m][k] · X[p][k] in
// wrapping int32 arithmetic (modulo 2^32, exactly as the instruction's pseudocode), where W is the
// weight buffer's [outputChannels][inputChannels·kh·kw] rows and X[p] the input patch of output
// pixel p, ordered (c, ky, kx).
//
// Each path packs both operands into its own panels (zero padded, so padding adds nothing) and
// multiplies panel pairs ("tiles"); callers may split the tile range across threads. Every path is
// exact for all int8 values: AVX2 sign-extends to int16 and uses vpmaddwd (no saturation), AVX-512
// VNNI offsets the patches by 128 to make them unsigned for vpdpbusd and subtracts 128·Σ_k W[m][k]
// per output channel, all modulo 2^32.
#ifndef VGGC_INT8_GEMM_H
#define VGGC_INT8_GEMM_H

#include <stddef.h>
#include <stdint.h>

/// A kernel implementation.
typedef enum {
    VGGC_GEMM_SCALAR = 0,
    VGGC_GEMM_AVX2 = 1,
    VGGC_GEMM_AVX512_VNNI = 2,
} vggc_gemm_path;

/// Whether this CPU can run `path`.
int vggc_gemm_path_supported(vggc_gemm_path path);

/// Where the patches come from: the GEMM instruction's input box, in elements.
typedef struct {
    ptrdiff_t input_channels, kernel_height, kernel_width;
    ptrdiff_t output_rows, output_columns;
    ptrdiff_t stride_height, stride_width, dilation_height, dilation_width;
    ptrdiff_t plane_pitch, row_pitch;
} vggc_gemm_geometry;

/// The packed shapes of one multiplication on one path.
typedef struct {
    vggc_gemm_path path;
    /// M, P, K.
    size_t channels, pixels, depth;
    /// Output channels and pixels per tile.
    size_t channels_per_panel, pixels_per_panel;
    /// ceil(K / 4): the kernels consume four products per int32 lane.
    size_t quads;
    size_t channel_panels, pixel_panels;
    /// Bytes of one packed weight panel and one packed patch panel.
    size_t weight_panel_bytes, patch_panel_bytes;
} vggc_gemm_layout;

/// The layout of an M×K by K×P product on `path`.
vggc_gemm_layout vggc_gemm_plan(vggc_gemm_path path, size_t channels, size_t pixels, size_t depth);

/// Packs channel panels [first_panel, end_panel) of the weight rows `weights` (M rows of K int8,
/// row m starting at weights + m · row_stride) into `packed` (channel_panels · weight_panel_bytes
/// bytes) and writes their channels' correction terms, which the multiply subtracts, into `offsets`
/// (M entries). The packed panels depend on M, K and the path only, not on P.
void vggc_gemm_pack_weights(const vggc_gemm_layout *layout, const int8_t *weights, ptrdiff_t row_stride, void *packed,
                            int32_t *offsets, size_t first_panel, size_t end_panel);

/// Each tap's element offset from its pixel's first input element, in (c, ky, kx) order:
/// input_channels · kernel_height · kernel_width entries.
void vggc_gemm_tap_offsets(const vggc_gemm_geometry *geometry, ptrdiff_t *offsets);

/// Packs the patches of pixel panels [first_panel, end_panel) from `input` (the first element of
/// the input box) into `packed`, panel p at p · patch_panel_bytes (64-byte aligned, pixel_panels ·
/// patch_panel_bytes bytes in all).
void vggc_gemm_pack_patches(const vggc_gemm_layout *layout, const vggc_gemm_geometry *geometry,
                            const ptrdiff_t *tap_offsets, const int8_t *input, void *packed, size_t first_panel,
                            size_t end_panel);

/// One worker's share of a GEMM: with `pack`, first packs pixel panels [first_pixel_panel,
/// end_pixel_panel) into `packed_patches` as `vggc_gemm_pack_patches` does; then multiplies channel
/// panels [first_channel_panel, end_channel_panel) of `packed_weights` with those pixel panels and
/// adds each sum to the int32 little-endian accumulator accumulators[m · P + p] (any alignment),
/// modulo 2^32, or with `reset` stores it. Only m < M, p < P are written, so workers with disjoint
/// panel ranges may run at once.
void vggc_gemm_run(const vggc_gemm_layout *layout, const vggc_gemm_geometry *geometry, const ptrdiff_t *tap_offsets,
                   const int8_t *input, int pack, void *packed_patches, const void *packed_weights, const int32_t *offsets,
                   void *accumulators, int reset, size_t first_channel_panel, size_t end_channel_panel,
                   size_t first_pixel_panel, size_t end_pixel_panel);

#endif
