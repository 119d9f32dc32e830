#include "int8_post_processing.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define VGGC_X86 1
#include <immintrin.h>
#endif

#define VGGC_INLINE static inline __attribute__((always_inline))

VGGC_INLINE int64_t saturate_int32(int64_t x) { return x < INT32_MIN ? INT32_MIN : x > INT32_MAX ? INT32_MAX : x; }

/// floor(x / 2^shift + 1/2) for a shift of 1...63: (x >> shift) plus bit shift − 1 of x, which cannot overflow.
VGGC_INLINE int64_t rounding_shift(int64_t x, int shift) { return (x >> shift) + ((x >> (shift - 1)) & 1); }

/// x · 2^shift for a shift of at least 1, saturated to int64.
VGGC_INLINE int64_t saturating_left_shift(int64_t x, int shift) {
    if (x == 0) return 0;
    uint64_t magnitude = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    if (shift < 63 && magnitude <= ((uint64_t)INT64_MAX >> shift)) return (int64_t)((uint64_t)x << shift);
    return x < 0 ? INT64_MIN : INT64_MAX;
}

/// The zero point added to `scaled` (wrapping, as int64), clamped, stored as its low byte.
VGGC_INLINE uint8_t clamped_byte(int64_t zero_point, int64_t scaled, int64_t low, int64_t high) {
    int64_t value = (int64_t)((uint64_t)zero_point + (uint64_t)scaled);
    value = value < low ? low : value > high ? high : value;
    return (uint8_t)(uint64_t)value;
}

VGGC_INLINE int64_t accumulator(const uint8_t *accumulators, ptrdiff_t index) {
    int32_t value;
    memcpy(&value, accumulators + 4 * index, 4);
    return value;
}

/// One output row of one channel.
VGGC_INLINE void post_row(const vggc_post_tile *tile, vggc_post_channel channel, const uint8_t *accumulators,
                          uint8_t *out) {
    const int64_t bias = channel.bias, multiplier = channel.multiplier, zero_point = tile->output_zero_point;
    const int64_t low = tile->clamp_low, high = tile->clamp_high;
    const int shift = channel.shift;
    const ptrdiff_t columns = tile->columns;
    switch (tile->kind) {
    case VGGC_REQUANTIZE_MULTIPLIER:
        // The product of an int32 and a multiplier below 2^31 stays below 2^62: no overflow.
        if (shift == 0) {
            for (ptrdiff_t x = 0; x < columns; x++) {
                int64_t product = saturate_int32(accumulator(accumulators, x) + bias) * multiplier;
                out[x] = clamped_byte(zero_point, product, low, high);
            }
        } else {
            for (ptrdiff_t x = 0; x < columns; x++) {
                int64_t product = saturate_int32(accumulator(accumulators, x) + bias) * multiplier;
                out[x] = clamped_byte(zero_point, rounding_shift(product, shift), low, high);
            }
        }
        break;
    case VGGC_REQUANTIZE_SHIFT:
        for (ptrdiff_t x = 0; x < columns; x++) {
            int64_t sum = accumulator(accumulators, x) + bias;
            if (tile->saturate) sum = saturate_int32(sum);
            int64_t scaled = shift == 0 ? sum : shift > 0 ? rounding_shift(sum, shift) : saturating_left_shift(sum, -shift);
            out[x] = clamped_byte(zero_point, scaled, low, high);
        }
        break;
    case VGGC_REQUANTIZE_CU_SCALE:
        for (ptrdiff_t x = 0; x < columns; x++) {
            int64_t product = saturate_int32(accumulator(accumulators, x) + bias) * multiplier;
            out[x] = clamped_byte(zero_point, product >> 16, low, high);
        }
        break;
    }
}

VGGC_INLINE void post_tile(const vggc_post_tile *tile, const vggc_post_channel *channels, const uint8_t *accumulators,
                           int8_t *destination) {
    const ptrdiff_t pixels = tile->rows * tile->columns;
    for (ptrdiff_t c = 0; c < tile->channels; c++) {
        for (ptrdiff_t y = 0; y < tile->rows; y++) {
            post_row(tile, channels[c], accumulators + 4 * (c * pixels + y * tile->columns),
                     (uint8_t *)destination + c * tile->plane_pitch + y * tile->row_pitch);
        }
    }
}

static void post_tile_portable(const vggc_post_tile *tile, const vggc_post_channel *channels,
                               const uint8_t *accumulators, int8_t *destination) {
    post_tile(tile, channels, accumulators, destination);
}

#if VGGC_X86
// The same loops compiled for AVX-512, whose 64-bit shifts, minimum and maximum let them vectorise.
__attribute__((target("avx512f,avx512bw,avx512dq,avx512vl")))
static void post_tile_avx512(const vggc_post_tile *tile, const vggc_post_channel *channels,
                             const uint8_t *accumulators, int8_t *destination) {
    post_tile(tile, channels, accumulators, destination);
}

static int has_avx512(void) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl");
}
#endif

void vggc_post_int32_to_int8(const vggc_post_tile *tile, const vggc_post_channel *channels, const uint8_t *accumulators,
                             int8_t *destination) {
#if VGGC_X86
    if (has_avx512()) {
        post_tile_avx512(tile, channels, accumulators, destination);
        return;
    }
#endif
    post_tile_portable(tile, channels, accumulators, destination);
}

/// The result of one window whose top-left element is `window`.
VGGC_INLINE uint8_t pool_window(const vggc_pool_tile *tile, const int8_t *window) {
    if (!tile->average) {
        int64_t largest = INT64_MIN;
        for (ptrdiff_t ky = 0; ky < tile->kernel_height; ky++) {
            for (ptrdiff_t kx = 0; kx < tile->kernel_width; kx++) {
                int64_t tap = window[ky * tile->input_row_pitch + kx];
                largest = tap > largest ? tap : largest;
            }
        }
        return clamped_byte(0, largest, tile->clamp_low, tile->clamp_high);
    }
    int64_t sum = 0;
    for (ptrdiff_t ky = 0; ky < tile->kernel_height; ky++) {
        for (ptrdiff_t kx = 0; kx < tile->kernel_width; kx++) {
            sum = (int64_t)((uint64_t)sum + (uint64_t)((int64_t)window[ky * tile->input_row_pitch + kx] - tile->input_zero_point));
        }
    }
    int64_t product = saturate_int32(sum) * (int64_t)tile->multiplier;
    int64_t scaled = tile->shift == 0 ? product : rounding_shift(product, tile->shift);
    return clamped_byte(tile->output_zero_point, scaled, tile->clamp_low, tile->clamp_high);
}

/// VGG's pooling: 2×2 windows at stride 2, with a clamp inside int8, over outputs [first, end)
/// of one row.
VGGC_INLINE void max_pool_2x2_run(const int8_t *top, const int8_t *bottom, int8_t *out, ptrdiff_t first, ptrdiff_t end,
                                  int8_t low, int8_t high) {
    for (ptrdiff_t x = first; x < end; x++) {
        int8_t left = top[2 * x] > bottom[2 * x] ? top[2 * x] : bottom[2 * x];
        int8_t right = top[2 * x + 1] > bottom[2 * x + 1] ? top[2 * x + 1] : bottom[2 * x + 1];
        int8_t largest = left > right ? left : right;
        out[x] = largest < low ? low : largest > high ? high : largest;
    }
}

#if VGGC_X86
/// 16 outputs at once: the rows' maximum, then each even byte's maximum with the odd byte after it
/// (zero-extended into its 16-bit lane), packed back to bytes.
__attribute__((target("avx2")))
static void max_pool_2x2_row_avx2(const int8_t *top, const int8_t *bottom, int8_t *out, ptrdiff_t columns, int8_t low,
                                  int8_t high) {
    const __m256i bytes = _mm256_set1_epi16(0x00FF);
    const __m128i lows = _mm_set1_epi8(low), highs = _mm_set1_epi8(high);
    ptrdiff_t x = 0;
    for (; x + 16 <= columns; x += 16) {
        __m256i rows = _mm256_max_epi8(_mm256_loadu_si256((const __m256i *)(top + 2 * x)),
                                       _mm256_loadu_si256((const __m256i *)(bottom + 2 * x)));
        __m256i pairs = _mm256_and_si256(_mm256_max_epi8(rows, _mm256_srli_epi16(rows, 8)), bytes);
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(pairs, pairs), 0x08);
        __m128i result = _mm_min_epi8(_mm_max_epi8(_mm256_castsi256_si128(packed), lows), highs);
        _mm_storeu_si128((__m128i *)(out + x), result);
    }
    max_pool_2x2_run(top, bottom, out, x, columns, low, high);
}
#endif

/// Every row of a 2×2, stride-2 max pool whose clamp lies inside int8.
static void max_pool_2x2(const vggc_pool_tile *tile, const int8_t *input, int8_t *destination) {
    const int8_t low = (int8_t)tile->clamp_low, high = (int8_t)tile->clamp_high;
#if VGGC_X86
    const int avx2 = __builtin_cpu_supports("avx2");
#endif
    for (ptrdiff_t c = 0; c < tile->channels; c++) {
        for (ptrdiff_t y = 0; y < tile->output_rows; y++) {
            const int8_t *top = input + c * tile->input_plane_pitch + 2 * y * tile->input_row_pitch;
            const int8_t *bottom = top + tile->input_row_pitch;
            int8_t *out = destination + c * tile->plane_pitch + y * tile->row_pitch;
#if VGGC_X86
            if (avx2) {
                max_pool_2x2_row_avx2(top, bottom, out, tile->output_columns, low, high);
                continue;
            }
#endif
            max_pool_2x2_run(top, bottom, out, 0, tile->output_columns, low, high);
        }
    }
}

void vggc_pool_int8(const vggc_pool_tile *tile, const int8_t *input, int8_t *destination) {
    if (!tile->average && tile->kernel_height == 2 && tile->kernel_width == 2 && tile->stride_height == 2
        && tile->stride_width == 2 && tile->clamp_low >= INT8_MIN && tile->clamp_high <= INT8_MAX) {
        max_pool_2x2(tile, input, destination);
        return;
    }
    for (ptrdiff_t c = 0; c < tile->channels; c++) {
        for (ptrdiff_t y = 0; y < tile->output_rows; y++) {
            const int8_t *row = input + c * tile->input_plane_pitch + y * tile->stride_height * tile->input_row_pitch;
            uint8_t *out = (uint8_t *)destination + c * tile->plane_pitch + y * tile->row_pitch;
            for (ptrdiff_t x = 0; x < tile->output_columns; x++) out[x] = pool_window(tile, row + x * tile->stride_width);
        }
    }
}
