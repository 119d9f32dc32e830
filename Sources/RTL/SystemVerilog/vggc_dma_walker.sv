// Walks the bus words of a 3-D strided DRAM transfer: `depth` planes `plane_stride` bytes apart,
// each of `rows` rows `row_stride` bytes apart, each of `row_bytes` bytes from `base` on. It shows
// the current word and which bytes of it belong to the current row ([low, high) as DRAM addresses),
// and moves to the next word when `advance` is high; `clear` starts it over. The DMA units use one
// to issue their requests and the load unit a second one to place the responses.
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

  assign row_address = base + plane * plane_stride + row * row_stride;
  assign words = ((row_address + row_bytes - 64'd1) >> BUS_SHIFT) - (row_address >> BUS_SHIFT) + 64'd1;
  assign word_address = ((row_address >> BUS_SHIFT) + word) << BUS_SHIFT;
  assign low = word_address > row_address ? word_address : row_address;
  assign high = word_address + 64'(BUS_BYTES) < row_address + row_bytes ? word_address + 64'(BUS_BYTES) : row_address + row_bytes;
  assign last = word + 1 == words && row + 1 == rows && plane + 1 == depth;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) {plane, row, word, done} <= '0;
    else if (clear) {plane, row, word, done} <= '0;
    else if (advance && !done) begin
      done <= last;
      word <= word + 1 == words ? 64'd0 : word + 1;
      if (word + 1 == words) begin
        row <= row + 1 == rows ? 64'd0 : row + 1;
        if (row + 1 == rows) plane <= plane + 1;
      end
    end
  end
endmodule
