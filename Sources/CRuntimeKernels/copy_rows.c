#include "copy_rows.h"

#include <string.h>

/// Copies `count` bytes, `width` ≤ count ≤ 2 · width, as two possibly overlapping moves of
/// `width` bytes (a constant once inlined, so each move is one load and one store).
static inline __attribute__((always_inline)) void copy_halves(uint8_t *to, const uint8_t *from, size_t count,
                                                             size_t width) {
    uint8_t head[16], tail[16];
    memcpy(head, from, width);
    memcpy(tail, from + count - width, width);
    memcpy(to, head, width);
    memcpy(to + count - width, tail, width);
}

/// Copies `count` bytes with fixed-size moves up to 32 bytes, the library copy above that.
static inline void copy_row(uint8_t *to, const uint8_t *from, size_t count) {
    if (count > 32) {
        memcpy(to, from, count);
    } else if (count >= 16) {
        copy_halves(to, from, count, 16);
    } else if (count >= 8) {
        copy_halves(to, from, count, 8);
    } else if (count >= 4) {
        copy_halves(to, from, count, 4);
    } else {
        for (size_t i = 0; i < count; i++) to[i] = from[i];
    }
}

void vggc_copy_rows(uint8_t *destination, ptrdiff_t destination_plane_stride, ptrdiff_t destination_row_stride,
                    const uint8_t *source, ptrdiff_t source_plane_stride, ptrdiff_t source_row_stride, ptrdiff_t planes,
                    ptrdiff_t rows, size_t row_bytes) {
    // A lone row's or plane's stride is never used: make it the contiguous one.
    if (rows == 1) source_row_stride = destination_row_stride = (ptrdiff_t)row_bytes;
    if (planes == 1) source_plane_stride = destination_plane_stride = rows * (ptrdiff_t)row_bytes;
    // Rows that follow one another on both sides are one long row.
    if ((ptrdiff_t)row_bytes == source_row_stride && (ptrdiff_t)row_bytes == destination_row_stride) {
        row_bytes *= (size_t)rows;
        rows = 1;
        if ((ptrdiff_t)row_bytes == source_plane_stride && (ptrdiff_t)row_bytes == destination_plane_stride) {
            row_bytes *= (size_t)planes;
            planes = 1;
        }
    }
    for (ptrdiff_t p = 0; p < planes; p++) {
        for (ptrdiff_t r = 0; r < rows; r++) {
            copy_row(destination + p * destination_plane_stride + r * destination_row_stride,
                     source + p * source_plane_stride + r * source_row_stride, row_bytes);
        }
    }
}
