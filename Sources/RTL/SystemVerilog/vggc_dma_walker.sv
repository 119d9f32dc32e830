// Walks the bus words of a 3-D strided DRAM transfer: `depth` planes `plane_stride` bytes apart,
// each of `rows` rows `row_stride` bytes apart, each of `row_bytes` bytes from `base` on. It shows
// the next PORTS words, one per memory port (port p the p-th word from the current one; `valid[p]`
// while the transfer has that word), and for each the bytes of it that belong to its row ([low, high)
// as DRAM addresses), the row's DRAM address and its SRAM offset. `advance` names the ports whose
// words were taken this cycle, always ports 0 up (a thermometer code), and the walk moves past them;
// `clear` starts it over. The ports' words may lie in different rows and planes. Rows that lie back
// to back in DRAM, and on the SRAM side (`rows_adjacent`), are walked as one row, and so are planes
// (`planes_adjacent`), so that a box of short rows is not one bus word per row. The row's DRAM
// address and its SRAM offset (`sram_row_stride` and `sram_plane_stride` bytes a row and a plane on
// the SRAM side) are counted, one add a row, in registers for port 0 and in a chain of the same
// step for the others. The DMA units use one walker to issue their requests and the load unit a
// second one to place the responses.
module vggc_dma_walker (
    input  logic                                       clk,
    input  logic                                       rst_n,
    input  logic                                       clear,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]     advance,
    input  logic [39:0]                                base,
    input  logic [39:0]                                plane_stride,
    input  logic [31:0]                                row_stride,
    input  logic [15:0]                                depth,
    input  logic [15:0]                                rows,
    input  logic [18:0]                                row_bytes,
    input  logic [23:0]                                sram_row_stride,
    input  logic [23:0]                                sram_plane_stride,
    input  logic                                       rows_adjacent,
    input  logic                                       planes_adjacent,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]     valid,
    output logic [vggc_config_pkg::DRAM_PORTS*24-1:0]  sram_offset,
    output logic [vggc_config_pkg::DRAM_PORTS*48-1:0]  row_address,
    output logic [vggc_config_pkg::DRAM_PORTS*48-1:0]  word_address,
    output logic [vggc_config_pkg::DRAM_PORTS*48-1:0]  low,
    output logic [vggc_config_pkg::DRAM_PORTS*48-1:0]  high,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]     last,
    output logic                                       done
);
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  localparam int BUS_BYTES = vggc_config_pkg::DRAM_BUS_BITS / 8;
  localparam int BUS_SHIFT = $clog2(BUS_BYTES);

  // The walk's position: the current word's plane, row and word, the row's and the plane's DRAM
  // offsets, the row's and the plane's SRAM offsets, and whether the transfer is over.
  logic [15:0] plane, row;
  logic [47:0] word;
  logic [47:0] row_offset, plane_offset;
  logic [23:0] sram_row_offset, sram_plane_offset;
  logic merge_rows, merge_planes;
  logic [15:0] walked_depth, walked_rows;
  logic [47:0] walked_row_bytes;
  // The chain: the position at port p, and after each port's step (port p's at bits p of each vector).
  logic [15:0] at_plane, at_row;
  logic [47:0] at_word, at_row_offset, at_plane_offset, at_row_address, at_words, at_word_address;
  logic [23:0] at_sram_row_offset, at_sram_plane_offset;
  logic at_done, at_last;
  logic [PORTS*16-1:0] after_plane, after_row;
  logic [PORTS*48-1:0] after_word, after_row_offset, after_plane_offset;
  logic [PORTS*24-1:0] after_sram_row_offset, after_sram_plane_offset;
  logic [PORTS-1:0] after_done;
  // The position the walk moves to.
  logic [15:0] next_plane, next_row;
  logic [47:0] next_word, next_row_offset, next_plane_offset;
  logic [23:0] next_sram_row_offset, next_sram_plane_offset;
  logic next_done;

  assign merge_rows = rows_adjacent && (rows == 1 || 48'(row_stride) == 48'(row_bytes));
  assign merge_planes = merge_rows && planes_adjacent && (depth == 1 || 48'(plane_stride) == 48'(rows) * 48'(row_bytes));
  assign walked_rows = merge_rows ? 16'd1 : rows;
  assign walked_depth = merge_planes ? 16'd1 : depth;
  assign walked_row_bytes = 48'(row_bytes) * (merge_rows ? 48'(rows) : 48'd1) * (merge_planes ? 48'(depth) : 48'd1);

  // Port p shows the position after p steps from the registers.
  always_comb begin
    {at_plane, at_row, at_word, at_row_offset, at_plane_offset, at_sram_row_offset, at_sram_plane_offset, at_done} =
        {plane, row, word, row_offset, plane_offset, sram_row_offset, sram_plane_offset, done};
    for (int p = 0; p < PORTS; p++) begin
      at_row_address = 48'(base) + at_row_offset;
      at_words = ((at_row_address + walked_row_bytes - 48'd1) >> BUS_SHIFT) - (at_row_address >> BUS_SHIFT) + 48'd1;
      at_word_address = ((at_row_address >> BUS_SHIFT) + at_word) << BUS_SHIFT;
      at_last = at_word + 48'd1 == at_words && at_row + 16'd1 == walked_rows && at_plane + 16'd1 == walked_depth;
      valid[p] = !at_done;
      last[p] = !at_done && at_last;
      sram_offset[24*p+:24] = at_sram_row_offset;
      row_address[48*p+:48] = at_row_address;
      word_address[48*p+:48] = at_word_address;
      low[48*p+:48] = at_word_address > at_row_address ? at_word_address : at_row_address;
      high[48*p+:48] = at_word_address + 48'(BUS_BYTES) < at_row_address + walked_row_bytes
          ? at_word_address + 48'(BUS_BYTES) : at_row_address + walked_row_bytes;
      if (!at_done) begin
        at_done = at_last;
        if (at_word + 48'd1 != at_words) at_word = at_word + 48'd1;
        else begin
          at_word = '0;
          if (at_row + 16'd1 == walked_rows) begin
            at_row = '0;
            at_plane = at_plane + 16'd1;
            at_plane_offset = at_plane_offset + 48'(plane_stride);
            at_row_offset = at_plane_offset;
            at_sram_plane_offset = at_sram_plane_offset + sram_plane_stride;
            at_sram_row_offset = at_sram_plane_offset;
          end else begin
            at_row = at_row + 16'd1;
            at_row_offset = at_row_offset + 48'(row_stride);
            at_sram_row_offset = at_sram_row_offset + sram_row_stride;
          end
        end
      end
      {after_plane[16*p+:16], after_row[16*p+:16], after_word[48*p+:48], after_row_offset[48*p+:48], after_plane_offset[48*p+:48],
       after_sram_row_offset[24*p+:24], after_sram_plane_offset[24*p+:24], after_done[p]} =
          {at_plane, at_row, at_word, at_row_offset, at_plane_offset, at_sram_row_offset, at_sram_plane_offset, at_done};
    end
  end

  // The walk takes the position after the last port `advance` names (a separate process, so that
  // `advance`, which depends on `valid`, feeds no combinational path back to it).
  always_comb begin
    {next_plane, next_row, next_word, next_row_offset, next_plane_offset, next_sram_row_offset, next_sram_plane_offset, next_done} =
        {plane, row, word, row_offset, plane_offset, sram_row_offset, sram_plane_offset, done};
    for (int p = 0; p < PORTS; p++) begin
      if (advance[p])
        {next_plane, next_row, next_word, next_row_offset, next_plane_offset, next_sram_row_offset, next_sram_plane_offset, next_done} =
            {after_plane[16*p+:16], after_row[16*p+:16], after_word[48*p+:48], after_row_offset[48*p+:48], after_plane_offset[48*p+:48],
             after_sram_row_offset[24*p+:24], after_sram_plane_offset[24*p+:24], after_done[p]};
    end
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) {plane, row, word, done, row_offset, plane_offset, sram_row_offset, sram_plane_offset} <= '0;
    else if (clear) {plane, row, word, done, row_offset, plane_offset, sram_row_offset, sram_plane_offset} <= '0;
    else {plane, row, word, done, row_offset, plane_offset, sram_row_offset, sram_plane_offset} <=
        {next_plane, next_row, next_word, next_done, next_row_offset, next_plane_offset, next_sram_row_offset, next_sram_plane_offset};
  end
endmodule
