// Walks the bus words of a 3-D strided DRAM transfer: `depth` planes `plane_stride` bytes apart,
// each of `rows` rows `row_stride` bytes apart, each of `row_bytes` bytes from `base` on. It shows
// the current word and which bytes of it belong to the current row ([low, high) as DRAM addresses),
// and moves to the next word when `advance` is high; `clear` starts it over. Rows that lie back to
// back in DRAM, and on the SRAM side (`rows_adjacent`), are walked as one row, and so are planes
// (`planes_adjacent`), so that a box of short rows is not one bus word per row: `plane` and `row`
// count the walked rows. The DMA units use one to issue their requests and the load unit a second
// one to place the responses.
module vggc_dma_walker (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        clear,
    input  logic        advance,
    input  logic [63:0] base,
    input  logic [63:0] plane_stride,
    input  logic [63:0] row_stride,
    input  logic [63:0] depth,
    input  logic [63:0] rows,
    input  logic [63:0] row_bytes,
    input  logic        rows_adjacent,
    input  logic        planes_adjacent,
    output logic [63:0] plane,
    output logic [63:0] row,
    output logic [63:0] row_address,
    output logic [63:0] word_address,
    output logic [63:0] low,
    output logic [63:0] high,
    output logic        last,
    output logic        done
);
  localparam int BUS_BYTES = vggc_config_pkg::DRAM_BUS_BITS / 8;
  localparam int BUS_SHIFT = $clog2(BUS_BYTES);

  logic [63:0] word, words;
  logic merge_rows, merge_planes;
  logic [63:0] walked_depth, walked_rows, walked_row_bytes;

  assign merge_rows = rows_adjacent && (rows == 1 || row_stride == row_bytes);
  assign merge_planes = merge_rows && planes_adjacent && (depth == 1 || plane_stride == rows * row_bytes);
  assign walked_rows = merge_rows ? 64'd1 : rows;
  assign walked_depth = merge_planes ? 64'd1 : depth;
  assign walked_row_bytes = row_bytes * (merge_rows ? rows : 64'd1) * (merge_planes ? depth : 64'd1);

  assign row_address = base + plane * plane_stride + row * row_stride;
  assign words = ((row_address + walked_row_bytes - 64'd1) >> BUS_SHIFT) - (row_address >> BUS_SHIFT) + 64'd1;
  assign word_address = ((row_address >> BUS_SHIFT) + word) << BUS_SHIFT;
  assign low = word_address > row_address ? word_address : row_address;
  assign high = word_address + 64'(BUS_BYTES) < row_address + walked_row_bytes ? word_address + 64'(BUS_BYTES)
      : row_address + walked_row_bytes;
  assign last = word + 1 == words && row + 1 == walked_rows && plane + 1 == walked_depth;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) {plane, row, word, done} <= '0;
    else if (clear) {plane, row, word, done} <= '0;
    else if (advance && !done) begin
      done <= last;
      word <= word + 1 == words ? 64'd0 : word + 1;
      if (word + 1 == words) begin
        row <= row + 1 == walked_rows ? 64'd0 : row + 1;
        if (row + 1 == walked_rows) plane <= plane + 1;
      end
    end
  end
endmodule
