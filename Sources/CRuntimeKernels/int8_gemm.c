#include "int8_gemm.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define VGGC_X86 1
#include <immintrin.h>
#endif

// Tile shapes: the scalar and VNNI paths hold 8 channels × 32 pixels of int32 sums (16 zmm), AVX2
// 4 channels × 16 pixels (8 ymm).
enum { WIDE_CHANNELS = 8, WIDE_PIXELS = 32, AVX2_CHANNELS = 4, AVX2_PIXELS = 16 };

int vggc_gemm_path_supported(vggc_gemm_path path) {
    switch (path) {
    case VGGC_GEMM_SCALAR:
        return 1;
#if VGGC_X86
    case VGGC_GEMM_AVX2:
        return __builtin_cpu_supports("avx2");
    case VGGC_GEMM_AVX512_VNNI:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx512vnni");
#endif
    default:
        return 0;
    }
}

vggc_gemm_layout vggc_gemm_plan(vggc_gemm_path path, size_t channels, size_t pixels, size_t depth) {
    vggc_gemm_layout layout;
    layout.path = path;
    layout.channels = channels;
    layout.pixels = pixels;
    layout.depth = depth;
    layout.channels_per_panel = path == VGGC_GEMM_AVX2 ? AVX2_CHANNELS : WIDE_CHANNELS;
    layout.pixels_per_panel = path == VGGC_GEMM_AVX2 ? AVX2_PIXELS : WIDE_PIXELS;
    layout.quads = (depth + 3) / 4;
    layout.channel_panels = (channels + layout.channels_per_panel - 1) / layout.channels_per_panel;
    layout.pixel_panels = (pixels + layout.pixels_per_panel - 1) / layout.pixels_per_panel;
    // AVX2 weights are int16 pairs (k0, k2) and (k1, k3) per quad: 8 bytes; the others 4 int8.
    size_t weight_quad_bytes = path == VGGC_GEMM_AVX2 ? 8 : 4;
    layout.weight_panel_bytes = layout.quads * layout.channels_per_panel * weight_quad_bytes;
    layout.patch_panel_bytes = layout.quads * layout.pixels_per_panel * 4;
    return layout;
}

// ---------------------------------------------------------------------------------------------
// Packing

/// Channel m's weights k..k+3 (row m at m · row_stride), zero outside the matrix.
static void weight_quad(const vggc_gemm_layout *layout, const int8_t *weights, ptrdiff_t row_stride, size_t m, size_t k,
                        int8_t quad[4]) {
    const int8_t *row = weights + (ptrdiff_t)m * row_stride;
    if (m < layout->channels && k + 4 <= layout->depth) {
        memcpy(quad, row + k, 4);
        return;
    }
    for (size_t j = 0; j < 4; j++) quad[j] = m < layout->channels && k + j < layout->depth ? row[k + j] : 0;
}

void vggc_gemm_pack_weights(const vggc_gemm_layout *layout, const int8_t *weights, ptrdiff_t row_stride, void *packed,
                            int32_t *offsets, size_t first_panel, size_t end_panel) {
    const size_t rows = layout->channels_per_panel;
    for (size_t panel = first_panel; panel < end_panel; panel++) {
        uint8_t *out = (uint8_t *)packed + panel * layout->weight_panel_bytes;
        for (size_t r = 0; r < rows; r++) {
            size_t m = panel * rows + r;
            for (size_t q = 0; q < layout->quads; q++) {
                int8_t w[4];
                weight_quad(layout, weights, row_stride, m, 4 * q, w);
                if (layout->path == VGGC_GEMM_AVX2) {
                    uint32_t pairs[2] = {(uint16_t)(int16_t)w[0] | (uint32_t)(uint16_t)(int16_t)w[2] << 16,
                                         (uint16_t)(int16_t)w[1] | (uint32_t)(uint16_t)(int16_t)w[3] << 16};
                    memcpy(out + (q * rows + r) * 8, pairs, 8);
                } else {
                    memcpy(out + (q * rows + r) * 4, w, 4);
                }
            }
            if (m >= layout->channels) continue;
            // vpdpbusd sees every patch value plus 128: take 128·Σ_k W[m][k] back off, modulo 2^32.
            uint32_t sum = 0;
            if (layout->path == VGGC_GEMM_AVX512_VNNI) {
                const int8_t *row = weights + (ptrdiff_t)m * row_stride;
                for (size_t k = 0; k < layout->depth; k++) sum += (uint32_t)(int32_t)row[k];
            }
            offsets[m] = (int32_t)(sum * 128u);
        }
    }
}

/// Interleaves four taps' source rows into `count` int32 lanes (tap j in byte j), XORed with
/// `flip`. Sources advance by `stride` elements per pixel.
static void pack_quad_run(const int8_t *const source[4], ptrdiff_t stride, uint8_t *out, size_t count,
                          uint8_t flip) {
    size_t i = 0;
#if VGGC_X86
    if (stride == 1) {
        const __m128i flips = _mm_set1_epi8((char)flip);
        for (; i + 16 <= count; i += 16) {
            __m128i a = _mm_loadu_si128((const __m128i *)(source[0] + i));
            __m128i b = _mm_loadu_si128((const __m128i *)(source[1] + i));
            __m128i c = _mm_loadu_si128((const __m128i *)(source[2] + i));
            __m128i d = _mm_loadu_si128((const __m128i *)(source[3] + i));
            __m128i ab_low = _mm_unpacklo_epi8(a, b), ab_high = _mm_unpackhi_epi8(a, b);
            __m128i cd_low = _mm_unpacklo_epi8(c, d), cd_high = _mm_unpackhi_epi8(c, d);
            __m128i *to = (__m128i *)(out + 4 * i);
            _mm_storeu_si128(to + 0, _mm_xor_si128(_mm_unpacklo_epi16(ab_low, cd_low), flips));
            _mm_storeu_si128(to + 1, _mm_xor_si128(_mm_unpackhi_epi16(ab_low, cd_low), flips));
            _mm_storeu_si128(to + 2, _mm_xor_si128(_mm_unpacklo_epi16(ab_high, cd_high), flips));
            _mm_storeu_si128(to + 3, _mm_xor_si128(_mm_unpackhi_epi16(ab_high, cd_high), flips));
        }
        // The rows of 8 to 15 pixels a small tile has: eight at once.
        if (i + 8 <= count) {
            __m128i ab = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(source[0] + i)),
                                           _mm_loadl_epi64((const __m128i *)(source[1] + i)));
            __m128i cd = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(source[2] + i)),
                                           _mm_loadl_epi64((const __m128i *)(source[3] + i)));
            __m128i *to = (__m128i *)(out + 4 * i);
            _mm_storeu_si128(to + 0, _mm_xor_si128(_mm_unpacklo_epi16(ab, cd), flips));
            _mm_storeu_si128(to + 1, _mm_xor_si128(_mm_unpackhi_epi16(ab, cd), flips));
            i += 8;
        }
    }
#endif
    for (; i < count; i++) {
        for (size_t j = 0; j < 4; j++) out[4 * i + j] = (uint8_t)source[j][(ptrdiff_t)i * stride] ^ flip;
    }
}

#if VGGC_X86
/// Byte j of 16 pixels' packed quads (pixels 0-15, then 16-31): tap j % 4 of pixel j / 4, from the
/// rows of taps 0 and 1 in one register and of taps 2 and 3 in another, 32 bytes each: 32 · (j % 4)
/// + 16 · half + j / 4.
static const uint8_t quad_order[2][64] = {
  {
    0, 32, 64, 96, 1, 33, 65, 97, 2, 34, 66, 98, 3, 35, 67, 99,
    4, 36, 68, 100, 5, 37, 69, 101, 6, 38, 70, 102, 7, 39, 71, 103,
    8, 40, 72, 104, 9, 41, 73, 105, 10, 42, 74, 106, 11, 43, 75, 107,
    12, 44, 76, 108, 13, 45, 77, 109, 14, 46, 78, 110, 15, 47, 79, 111,
  },
  {
    16, 48, 80, 112, 17, 49, 81, 113, 18, 50, 82, 114, 19, 51, 83, 115,
    20, 52, 84, 116, 21, 53, 85, 117, 22, 54, 86, 118, 23, 55, 87, 119,
    24, 56, 88, 120, 25, 57, 89, 121, 26, 58, 90, 122, 27, 59, 91, 123,
    28, 60, 92, 124, 29, 61, 93, 125, 30, 62, 94, 126, 31, 63, 95, 127,
  },
};

/// As `pack_quad_run` for unit stride, 32 pixels at a time: the four taps' rows side by side in two
/// registers, one two-source byte permutation per 16 pixels. Masked loads and stores touch only
/// the `count` pixels' bytes.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))
static void pack_quad_run_vbmi(const int8_t *const source[4], uint8_t *out, size_t count, uint8_t flip) {
    const __m512i first = _mm512_loadu_si512(quad_order[0]), second = _mm512_loadu_si512(quad_order[1]);
    const __m512i flips = _mm512_set1_epi8((char)flip);
    for (size_t i = 0; i < count; i += 32) {
        size_t pixels = count - i < 32 ? count - i : 32, bytes = 4 * pixels;
        __mmask32 rows = pixels == 32 ? 0xFFFFFFFFu : (__mmask32)((1u << pixels) - 1);
        __m512i ab = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_maskz_loadu_epi8(rows, source[0] + i)),
                                        _mm256_maskz_loadu_epi8(rows, source[1] + i), 1);
        __m512i cd = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_maskz_loadu_epi8(rows, source[2] + i)),
                                        _mm256_maskz_loadu_epi8(rows, source[3] + i), 1);
        __mmask64 low = bytes >= 64 ? ~0ull : (1ull << bytes) - 1;
        __mmask64 high = bytes >= 128 ? ~0ull : bytes > 64 ? (1ull << (bytes - 64)) - 1 : 0;
        _mm512_mask_storeu_epi8(out + 4 * i, low, _mm512_xor_si512(_mm512_permutex2var_epi8(ab, first, cd), flips));
        _mm512_mask_storeu_epi8(out + 4 * i + 64, high, _mm512_xor_si512(_mm512_permutex2var_epi8(ab, second, cd), flips));
    }
}
#endif

void vggc_gemm_tap_offsets(const vggc_gemm_geometry *g, ptrdiff_t *offsets) {
    size_t k = 0;
    for (ptrdiff_t c = 0; c < g->input_channels; c++) {
        for (ptrdiff_t ky = 0; ky < g->kernel_height; ky++) {
            for (ptrdiff_t kx = 0; kx < g->kernel_width; kx++) {
                offsets[k++] = c * g->plane_pitch + ky * g->dilation_height * g->row_pitch + kx * g->dilation_width;
            }
        }
    }
}

void vggc_gemm_pack_patches(const vggc_gemm_layout *layout, const vggc_gemm_geometry *g, const ptrdiff_t *tap_offsets,
                            const int8_t *input, void *packed, size_t first_panel, size_t end_panel) {
    const size_t depth = layout->depth, width = layout->pixels_per_panel, columns = (size_t)g->output_columns;
    const uint8_t flip = layout->path == VGGC_GEMM_AVX512_VNNI ? 0x80 : 0;
#if VGGC_X86
    const int vbmi = layout->path == VGGC_GEMM_AVX512_VNNI && g->stride_width == 1 && __builtin_cpu_supports("avx512vbmi");
#endif
    for (size_t panel = first_panel; panel < end_panel; panel++) {
        uint8_t *out = (uint8_t *)packed + panel * layout->patch_panel_bytes;
        size_t first = panel * width, end = first + width < layout->pixels ? first + width : layout->pixels;
        if (end - first < width || depth % 4 != 0) memset(out, 0, layout->patch_panel_bytes);
        // Runs of pixels within one output row.
        for (size_t pixel = first; pixel < end;) {
            size_t y = pixel / columns, x = pixel % columns;
            size_t count = columns - x < end - pixel ? columns - x : end - pixel;
            const int8_t *origin = input + (ptrdiff_t)y * g->stride_height * g->row_pitch + (ptrdiff_t)x * g->stride_width;
            for (size_t q = 0; q < layout->quads; q++) {
                uint8_t *to = out + q * width * 4 + (pixel - first) * 4;
                if (4 * q + 4 > depth) {
                    // The last, partial quad: tap by tap, over the zero padding already in place.
                    for (size_t j = 0; 4 * q + j < depth; j++) {
                        const int8_t *source = origin + tap_offsets[4 * q + j];
                        for (size_t i = 0; i < count; i++) {
                            to[4 * i + j] = (uint8_t)source[(ptrdiff_t)i * g->stride_width] ^ flip;
                        }
                    }
                    continue;
                }
                const int8_t *source[4];
                for (size_t j = 0; j < 4; j++) source[j] = origin + tap_offsets[4 * q + j];
#if VGGC_X86
                // Runs of exactly 8 or 16 pixels fill the SSE registers; the byte permutation wins
                // on longer and ragged ones (measured).
                if (vbmi && (count > 16 || count % 8 != 0)) {
                    pack_quad_run_vbmi(source, to, count, flip);
                    continue;
                }
#endif
                pack_quad_run(source, g->stride_width, to, count, flip);
            }
            pixel += count;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tiles: each writes the panel pair's raw sums, [channels_per_panel][pixels_per_panel].

static void tile_scalar(const vggc_gemm_layout *layout, const uint8_t *weights, const uint8_t *patches,
                        int32_t *tile) {
    uint32_t sums[WIDE_CHANNELS][WIDE_PIXELS] = {{0}};
    for (size_t q = 0; q < layout->quads; q++) {
        const int8_t *x = (const int8_t *)patches + q * WIDE_PIXELS * 4;
        for (size_t r = 0; r < WIDE_CHANNELS; r++) {
            const int8_t *w = (const int8_t *)weights + (q * WIDE_CHANNELS + r) * 4;
            for (size_t j = 0; j < 4; j++) {
                for (size_t i = 0; i < WIDE_PIXELS; i++) sums[r][i] += (uint32_t)((int32_t)w[j] * (int32_t)x[4 * i + j]);
            }
        }
    }
    for (size_t r = 0; r < WIDE_CHANNELS; r++) {
        for (size_t i = 0; i < WIDE_PIXELS; i++) tile[r * WIDE_PIXELS + i] = (int32_t)sums[r][i];
    }
}

#if VGGC_X86
__attribute__((target("avx2")))
static void tile_avx2(const vggc_gemm_layout *layout, const uint8_t *weights, const uint8_t *patches,
                      int32_t *tile) {
    __m256i sums[AVX2_CHANNELS][2];
    for (size_t r = 0; r < AVX2_CHANNELS; r++) sums[r][0] = sums[r][1] = _mm256_setzero_si256();
    const int32_t *pairs = (const int32_t *)weights;
    for (size_t q = 0; q < layout->quads; q++) {
        __m256i low = _mm256_loadu_si256((const __m256i *)(patches + q * AVX2_PIXELS * 4));
        __m256i high = _mm256_loadu_si256((const __m256i *)(patches + q * AVX2_PIXELS * 4 + 32));
        // Taps 0 and 2 of every lane sign-extended to int16, then taps 1 and 3.
        __m256i low_even = _mm256_srai_epi16(_mm256_slli_epi16(low, 8), 8), low_odd = _mm256_srai_epi16(low, 8);
        __m256i high_even = _mm256_srai_epi16(_mm256_slli_epi16(high, 8), 8), high_odd = _mm256_srai_epi16(high, 8);
        for (size_t r = 0; r < AVX2_CHANNELS; r++) {
            __m256i even = _mm256_set1_epi32(pairs[(q * AVX2_CHANNELS + r) * 2]);
            __m256i odd = _mm256_set1_epi32(pairs[(q * AVX2_CHANNELS + r) * 2 + 1]);
            sums[r][0] = _mm256_add_epi32(sums[r][0], _mm256_add_epi32(_mm256_madd_epi16(low_even, even),
                                                                       _mm256_madd_epi16(low_odd, odd)));
            sums[r][1] = _mm256_add_epi32(sums[r][1], _mm256_add_epi32(_mm256_madd_epi16(high_even, even),
                                                                       _mm256_madd_epi16(high_odd, odd)));
        }
    }
    for (size_t r = 0; r < AVX2_CHANNELS; r++) {
        _mm256_storeu_si256((__m256i *)(tile + r * AVX2_PIXELS), sums[r][0]);
        _mm256_storeu_si256((__m256i *)(tile + r * AVX2_PIXELS + 8), sums[r][1]);
    }
}

/// The VNNI tile writes its sums straight to the accumulators: less each channel's offset, added
/// to (or with `reset` stored over) the `rows` × `pixels` accumulators from `out`, `stride` bytes
/// between channels, through masked unaligned loads and stores.
__attribute__((target("avx512f,avx512bw,avx512vnni")))
static void tile_vnni(const vggc_gemm_layout *layout, const uint8_t *weights, const uint8_t *patches,
                      const int32_t *offsets, uint8_t *out, size_t stride, size_t rows, size_t pixels, int reset) {
    __m512i sums[WIDE_CHANNELS][2];
    for (size_t r = 0; r < WIDE_CHANNELS; r++) sums[r][0] = sums[r][1] = _mm512_setzero_si512();
    const int32_t *quads = (const int32_t *)weights;
    for (size_t q = 0; q < layout->quads; q++) {
        __m512i low = _mm512_loadu_si512(patches + q * WIDE_PIXELS * 4);
        __m512i high = _mm512_loadu_si512(patches + q * WIDE_PIXELS * 4 + 64);
        for (size_t r = 0; r < WIDE_CHANNELS; r++) {
            __m512i w = _mm512_set1_epi32(quads[q * WIDE_CHANNELS + r]);
            sums[r][0] = _mm512_dpbusd_epi32(sums[r][0], low, w);
            sums[r][1] = _mm512_dpbusd_epi32(sums[r][1], high, w);
        }
    }
    const __mmask16 low_mask = pixels >= 16 ? 0xFFFF : (__mmask16)((1u << pixels) - 1);
    const __mmask16 high_mask = pixels >= 32 ? 0xFFFF : pixels > 16 ? (__mmask16)((1u << (pixels - 16)) - 1) : 0;
    for (size_t r = 0; r < rows; r++) {
        __m512i offset = _mm512_set1_epi32(offsets[r]);
        __m512i low = _mm512_sub_epi32(sums[r][0], offset), high = _mm512_sub_epi32(sums[r][1], offset);
        uint8_t *row = out + r * stride;
        if (!reset) {
            low = _mm512_add_epi32(low, _mm512_maskz_loadu_epi32(low_mask, row));
            high = _mm512_add_epi32(high, _mm512_maskz_loadu_epi32(high_mask, row + 64));
        }
        _mm512_mask_storeu_epi32(row, low_mask, low);
        _mm512_mask_storeu_epi32(row + 64, high_mask, high);
    }
}

/// A tile of at most 16 pixels (the last pixel panel of a small or one-pixel tile), the roles
/// turned: each pixel's 8 channel sums in the lanes of one ymm register, its patch quad broadcast
/// against the channels' weight quads, so no lane computes a missing pixel. `N` is a constant after
/// inlining: the sums stay in registers, two sets of them for 8 pixels or fewer to keep enough
/// independent additions in flight.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"), always_inline))
static inline void narrow_vnni(const vggc_gemm_layout *layout, const uint8_t *weights, const uint8_t *patches,
                               const int32_t *offsets, uint8_t *out, size_t stride, size_t rows, int reset, const int N) {
    enum { SETS = 2 };
    __m256i sums[SETS][16];
    for (int set = 0; set < SETS; set++) {
        for (int p = 0; p < N; p++) sums[set][p] = _mm256_setzero_si256();
    }
    const size_t quads = layout->quads;
    size_t q = 0;
    if (N <= 8) {
        for (; q + 2 <= quads; q += 2) {
            __m256i w0 = _mm256_loadu_si256((const __m256i *)(weights + q * WIDE_CHANNELS * 4));
            __m256i w1 = _mm256_loadu_si256((const __m256i *)(weights + (q + 1) * WIDE_CHANNELS * 4));
            const int32_t *x0 = (const int32_t *)(patches + q * WIDE_PIXELS * 4);
            const int32_t *x1 = (const int32_t *)(patches + (q + 1) * WIDE_PIXELS * 4);
            for (int p = 0; p < N; p++) {
                sums[0][p] = _mm256_dpbusd_epi32(sums[0][p], _mm256_set1_epi32(x0[p]), w0);
                sums[1][p] = _mm256_dpbusd_epi32(sums[1][p], _mm256_set1_epi32(x1[p]), w1);
            }
        }
    }
    for (; q < quads; q++) {
        __m256i w = _mm256_loadu_si256((const __m256i *)(weights + q * WIDE_CHANNELS * 4));
        const int32_t *x = (const int32_t *)(patches + q * WIDE_PIXELS * 4);
        for (int p = 0; p < N; p++) sums[0][p] = _mm256_dpbusd_epi32(sums[0][p], _mm256_set1_epi32(x[p]), w);
    }
    // Channel r's sums are lane r of every pixel's register (a gather of them is slower than these
    // scalar moves on the CPUs measured).
    int32_t lanes[16][WIDE_CHANNELS];
    for (int p = 0; p < N; p++) {
        __m256i sum = N <= 8 ? _mm256_add_epi32(sums[0][p], sums[1][p]) : sums[0][p];
        _mm256_storeu_si256((__m256i *)lanes[p], sum);
    }
    for (size_t r = 0; r < rows; r++) {
        uint8_t *row = out + r * stride;
        for (int p = 0; p < N; p++) {
            uint32_t sum = (uint32_t)lanes[p][r] - (uint32_t)offsets[r], previous = 0;
            if (!reset) memcpy(&previous, row + 4 * p, 4);
            sum += previous;
            memcpy(row + 4 * p, &sum, 4);
        }
    }
}

/// `narrow_vnni` for each pixel count.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))
static void tile_vnni_narrow(const vggc_gemm_layout *layout, const uint8_t *weights, const uint8_t *patches,
                             const int32_t *offsets, uint8_t *out, size_t stride, size_t rows, size_t pixels, int reset) {
    switch (pixels) {
#define VGGC_NARROW(n) case n: narrow_vnni(layout, weights, patches, offsets, out, stride, rows, reset, n); break;
    VGGC_NARROW(1) VGGC_NARROW(2) VGGC_NARROW(3) VGGC_NARROW(4) VGGC_NARROW(5) VGGC_NARROW(6) VGGC_NARROW(7)
    VGGC_NARROW(8) VGGC_NARROW(9) VGGC_NARROW(10) VGGC_NARROW(11) VGGC_NARROW(12) VGGC_NARROW(13) VGGC_NARROW(14)
    VGGC_NARROW(15) VGGC_NARROW(16)
#undef VGGC_NARROW
    default: break;
    }
}
#endif

/// Adds (or with `reset` stores) the raw sums of one tile, less each channel's offset, to its
/// accumulators, modulo 2^32.
static void write_tile(const vggc_gemm_layout *layout, const int32_t *tile, const int32_t *offsets, size_t channel_panel,
                       size_t pixel_panel, uint8_t *accumulators, int reset) {
    const size_t rows = layout->channels_per_panel, width = layout->pixels_per_panel;
    size_t first_pixel = pixel_panel * width;
    size_t pixels = layout->pixels - first_pixel < width ? layout->pixels - first_pixel : width;
    for (size_t r = 0; r < rows; r++) {
        size_t m = channel_panel * rows + r;
        if (m >= layout->channels) break;
        uint8_t *out = accumulators + 4 * (m * layout->pixels + first_pixel);
        uint32_t offset = (uint32_t)offsets[m];
        for (size_t i = 0; i < pixels; i++) {
            uint32_t sum = (uint32_t)tile[r * width + i] - offset, previous = 0;
            if (!reset) memcpy(&previous, out + 4 * i, 4);
            sum += previous;
            memcpy(out + 4 * i, &sum, 4);
        }
    }
}

void vggc_gemm_run(const vggc_gemm_layout *layout, const vggc_gemm_geometry *geometry, const ptrdiff_t *tap_offsets,
                   const int8_t *input, int pack, void *packed_patches, const void *packed_weights, const int32_t *offsets,
                   void *accumulators, int reset, size_t first_channel_panel, size_t end_channel_panel,
                   size_t first_pixel_panel, size_t end_pixel_panel) {
    if (pack) vggc_gemm_pack_patches(layout, geometry, tap_offsets, input, packed_patches, first_pixel_panel, end_pixel_panel);
    int32_t tile[WIDE_CHANNELS * WIDE_PIXELS];
    // Pixel panels outside: one patch panel stays in cache while every weight panel passes it.
    for (size_t pixel_panel = first_pixel_panel; pixel_panel < end_pixel_panel; pixel_panel++) {
        const uint8_t *patches = (const uint8_t *)packed_patches + pixel_panel * layout->patch_panel_bytes;
        for (size_t channel_panel = first_channel_panel; channel_panel < end_channel_panel; channel_panel++) {
            const uint8_t *weights = (const uint8_t *)packed_weights + channel_panel * layout->weight_panel_bytes;
            size_t first_channel = channel_panel * layout->channels_per_panel, first_pixel = pixel_panel * layout->pixels_per_panel;
            uint8_t *out = (uint8_t *)accumulators + 4 * (first_channel * layout->pixels + first_pixel);
            size_t rows = layout->channels - first_channel, pixels = layout->pixels - first_pixel;
            switch (layout->path) {
#if VGGC_X86
            case VGGC_GEMM_AVX2:
                tile_avx2(layout, weights, patches, tile);
                write_tile(layout, tile, offsets, channel_panel, pixel_panel, (uint8_t *)accumulators, reset);
                break;
            case VGGC_GEMM_AVX512_VNNI:
                if (pixels <= 16) {
                    tile_vnni_narrow(layout, weights, patches, offsets + first_channel, out, 4 * layout->pixels,
                                     rows < WIDE_CHANNELS ? rows : WIDE_CHANNELS, pixels, reset);
                } else {
                    tile_vnni(layout, weights, patches, offsets + first_channel, out, 4 * layout->pixels,
                              rows < WIDE_CHANNELS ? rows : WIDE_CHANNELS, pixels < WIDE_PIXELS ? pixels : WIDE_PIXELS,
                              reset);
                }
                break;
#endif
            default:
                tile_scalar(layout, weights, patches, tile);
                write_tile(layout, tile, offsets, channel_panel, pixel_panel, (uint8_t *)accumulators, reset);
                break;
            }
        }
    }
}
