// The accelerator model's POST and POOL loops for their common widths: int32 accumulators to int8
// results (POST) and int8 windows (POOL), element by element exactly as the instructions'
// pseudocode (docs/DESIGN.md) and the integer reference: every intermediate in int64, ties of the
// rounding shift toward +infinity, wrap-around where the pseudocode wraps, and the clamped result
// stored as its low byte.
#ifndef VGGC_INT8_POST_PROCESSING_H
#define VGGC_INT8_POST_PROCESSING_H

#include <stddef.h>
#include <stdint.h>

/// How POST turns an accumulator into the output scale.
typedef enum {
    /// sat32(sum) · multiplier, rounding right shift by `shift` (0...62).
    VGGC_REQUANTIZE_MULTIPLIER = 0,
    /// Rounding right shift by `shift` (at most 63), or for a negative shift a left shift saturating to int64.
    VGGC_REQUANTIZE_SHIFT = 1,
    /// (sat32(sum) · multiplier) >> 16, floor.
    VGGC_REQUANTIZE_CU_SCALE = 2,
} vggc_requantize_kind;

/// One output channel's POST parameters, from its parameter record.
typedef struct {
    int32_t bias;
    int32_t multiplier;
    int32_t shift;
} vggc_post_channel;

/// A POST tile: `channels` × `rows` × `columns` accumulators, consecutive, each result stored at
/// channel · plane_pitch + row · row_pitch + column of the destination.
typedef struct {
    vggc_requantize_kind kind;
    /// Whether the biased sum saturates to int32 before requantization.
    int saturate;
    int32_t output_zero_point, clamp_low, clamp_high;
    ptrdiff_t channels, rows, columns;
    ptrdiff_t plane_pitch, row_pitch;
} vggc_post_tile;

/// POST with four-byte accumulators (`accumulators`, little-endian, any alignment) and one-byte
/// results; `channels` holds tile->channels entries, each already checked (multiplier ≥ 0 and shift
/// within 0...62 for VGGC_REQUANTIZE_MULTIPLIER, shift ≤ 63 for VGGC_REQUANTIZE_SHIFT).
void vggc_post_int32_to_int8(const vggc_post_tile *tile, const vggc_post_channel *channels, const uint8_t *accumulators,
                             int8_t *destination);

/// A POOL over int8 values.
typedef struct {
    /// 0: the window's maximum; 1: the zero-point-corrected sum through multiplier / 2^shift.
    int average;
    ptrdiff_t channels, output_rows, output_columns;
    ptrdiff_t kernel_height, kernel_width, stride_height, stride_width;
    ptrdiff_t input_plane_pitch, input_row_pitch;
    int32_t input_zero_point, output_zero_point, multiplier, shift, clamp_low, clamp_high;
    ptrdiff_t plane_pitch, row_pitch;
} vggc_pool_tile;

/// POOL of int8 `input` (the box's first element) into int8 `destination`; the kernel is at least
/// 1×1, the multiplier ≥ 0 and the shift within 0...62.
void vggc_pool_int8(const vggc_pool_tile *tile, const int8_t *input, int8_t *destination);

#endif
