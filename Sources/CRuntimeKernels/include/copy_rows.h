// The accelerator model's DMA copies: a box of rows, each a few to a few thousand bytes, from one
// memory to another. Most rows of a tiled network are short (a 14-byte row of a 14×14 tile), so a
// library call per row would cost more than the bytes it moves.
#ifndef VGGC_COPY_ROWS_H
#define VGGC_COPY_ROWS_H

#include <stddef.h>
#include <stdint.h>

/// Copies `planes × rows` rows of `row_bytes` bytes: row (p, r) from
/// source + p · source_plane_stride + r · source_row_stride to
/// destination + p · destination_plane_stride + r · destination_row_stride. Writes no byte outside
/// the rows; the two boxes must not overlap.
void vggc_copy_rows(uint8_t *destination, ptrdiff_t destination_plane_stride, ptrdiff_t destination_row_stride,
                    const uint8_t *source, ptrdiff_t source_plane_stride, ptrdiff_t source_row_stride, ptrdiff_t planes,
                    ptrdiff_t rows, size_t row_bytes);

#endif
