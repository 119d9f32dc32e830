// Walks the bus words of a 3-D strided DRAM transfer: `depth` planes `plane_stride` bytes apart,
// each of `rows` rows `row_stride` bytes apart, each of `row_bytes` bytes from `base` on. It shows
// the current word and which bytes of it belong to the current row ([low, high) as DRAM addresses),
// and moves to the next word when `advance` is high; `clear` starts it over. Rows that lie back to
// back in DRAM, and on the SRAM side (`rows_adjacent`), are walked as one row, and so are planes
// (`planes_adjacent`), so that a box of short rows is not one bus word per row. The row's DRAM
// address and its SRAM offset (`sram_row_stride` and `sram_plane_stride` bytes a row and a plane
// on the SRAM side) are counted in registers, one add a row. The DMA units use one walker to issue
// their requests and the load unit a second one to place the responses.
module vggc_dma_walker (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        clear,
    input  logic        advance,
    input  logic [39:0] base,
    input  logic [39:0] plane_stride,
    input  logic [31:0] row_stride,
    input  logic [15:0] depth,
    input  logic [15:0] rows,
    input  logic [18:0] row_bytes,
    input  logic [23:0] sram_row_stride,
    input  logic [23:0] sram_plane_stride,
    input  logic        rows_adjacent,
    input  logic        planes_adjacent,
    output logic [23:0] sram_offset,
    output logic [47:0] row_address,
    output logic [47:0] word_address,
    output logic [47:0] low,
    output logic [47:0] high,
    output logic        last,
    output logic        done
);
  localparam int BUS_BYTES = vggc_config_pkg::DRAM_BUS_BITS / 8;
  localparam int BUS_SHIFT = $clog2(BUS_BYTES);

  logic [15:0] plane, row;
  logic [47:0] word, words;
  logic merge_rows, merge_planes;
  logic [15:0] walked_depth, walked_rows;
  logic [47:0] walked_row_bytes, row_offset, plane_offset;
  logic [23:0] sram_plane_offset;

  assign merge_rows = rows_adjacent && (rows == 1 || 48'(row_stride) == 48'(row_bytes));
  assign merge_planes = merge_rows && planes_adjacent && (depth == 1 || 48'(plane_stride) == 48'(rows) * 48'(row_bytes));
  assign walked_rows = merge_rows ? 16'd1 : rows;
  assign walked_depth = merge_planes ? 16'd1 : depth;
  assign walked_row_bytes = 48'(row_bytes) * (merge_rows ? 48'(rows) : 48'd1) * (merge_planes ? 48'(depth) : 48'd1);

  assign row_address = 48'(base) + row_offset;
  assign words = ((row_address + walked_row_bytes - 48'd1) >> BUS_SHIFT) - (row_address >> BUS_SHIFT) + 48'd1;
  assign word_address = ((row_address >> BUS_SHIFT) + word) << BUS_SHIFT;
  assign low = word_address > row_address ? word_address : row_address;
  assign high = word_address + 48'(BUS_BYTES) < row_address + walked_row_bytes ? word_address + 48'(BUS_BYTES)
      : row_address + walked_row_bytes;
  assign last = word + 1 == words && row + 1 == walked_rows && plane + 1 == walked_depth;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) {plane, row, word, done, row_offset, plane_offset, sram_offset, sram_plane_offset} <= '0;
    else if (clear) {plane, row, word, done, row_offset, plane_offset, sram_offset, sram_plane_offset} <= '0;
    else if (advance && !done) begin
      done <= last;
      word <= word + 1 == words ? 48'd0 : word + 1;
      if (word + 1 == words) begin
        if (row + 1 == walked_rows) begin
          row <= '0;
          plane <= plane + 16'd1;
          plane_offset <= plane_offset + 48'(plane_stride);
          row_offset <= plane_offset + 48'(plane_stride);
          sram_plane_offset <= sram_plane_offset + sram_plane_stride;
          sram_offset <= sram_plane_offset + sram_plane_stride;
        end else begin
          row <= row + 16'd1;
          row_offset <= row_offset + 48'(row_stride);
          sram_offset <= sram_offset + sram_row_stride;
        end
      end
    end
  end
endmodule
